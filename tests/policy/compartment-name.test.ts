/**
 * Document names arrive from the network: parse strictly, and make sure one label has exactly
 * one name (otherwise one compartment could be opened under two names with two checks).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compartmentName,
  meetingDocName,
  parseCompartmentName,
  parseDocName,
  parseRestrictionKey,
} from '../../shared/policy/compartment-name.ts';
import type { DocName } from '../../shared/policy/compartment-name.ts';
import { CATEGORIES } from '../../shared/domain/categories.ts';
import type { Label } from '../../shared/policy/types.ts';

const arbId = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
const arbLabel: fc.Arbitrary<Label> = fc.record({
  caseId: arbId,
  personId: arbId,
  category: fc.constantFrom(...CATEGORIES),
  supplierOrgId: arbId,
  allowOrgIds: fc.option(fc.array(arbId, { maxLength: 5 }), { nil: null }),
  notToPerson: fc.boolean(),
});

/** Re-serialise a parsed name; a strict parser only accepts names that come back unchanged. */
function serialise(doc: DocName): string {
  if (doc.type === 'meeting') return meetingDocName(doc.meetingId);
  const restriction = doc.restrictionKey === null ? { allowOrgIds: null, notToPerson: false } : parseRestrictionKey(doc.restrictionKey);
  if (restriction === null) throw new Error('parsed a name whose restriction key does not parse');
  return compartmentName({ ...doc, ...restriction });
}

describe('compartment names', () => {
  it('have the documented shape', () => {
    const label: Label = { caseId: 'c1', personId: 'p1', category: 'health', supplierOrgId: 'clinic', allowOrgIds: null, notToPerson: false };
    expect(compartmentName(label)).toBe('case/c1/p/p1/health/o/clinic');
    expect(compartmentName({ ...label, notToPerson: true })).toBe('case/c1/p/p1/health/o/clinic/x/n');
    expect(compartmentName({ ...label, allowOrgIds: ['z', 'b', 'z'] })).toBe('case/c1/p/p1/health/o/clinic/x/a.b.z');
    expect(compartmentName({ ...label, allowOrgIds: [], notToPerson: true })).toBe('case/c1/p/p1/health/o/clinic/x/a~n');
    expect(meetingDocName('m-1')).toBe('meeting/m-1');
  });

  it('refuse to build a name from an invalid id', () => {
    const label: Label = { caseId: '../x', personId: 'p1', category: 'health', supplierOrgId: 'o', allowOrgIds: null, notToPerson: false };
    expect(() => compartmentName(label)).toThrow();
    expect(() => compartmentName({ ...label, caseId: 'c', allowOrgIds: ['a.b'] })).toThrow();
    expect(() => meetingDocName('')).toThrow();
  });

  it('round-trip: name -> parse -> the same fields', () => {
    fc.assert(
      fc.property(arbLabel, (label) => {
        const name = compartmentName(label);
        const parsed = parseCompartmentName(name);
        expect(parsed).not.toBeNull();
        expect(parsed).toMatchObject({ caseId: label.caseId, personId: label.personId, category: label.category, supplierOrgId: label.supplierOrgId });
        const restriction = parsed?.restrictionKey == null ? { allowOrgIds: null, notToPerson: false } : parseRestrictionKey(parsed.restrictionKey);
        const expectedAllow = label.allowOrgIds === null ? null : [...new Set(label.allowOrgIds)].sort();
        expect(restriction).toEqual({ allowOrgIds: expectedAllow, notToPerson: label.notToPerson });
        expect(parseDocName(name)).toEqual({ type: 'compartment', ...parsed });
      }),
      { numRuns: 2000 },
    );
  });

  it('one label, one name: allow-list order and duplicates do not matter', () => {
    fc.assert(
      fc.property(arbLabel, fc.array(arbId, { minLength: 1, maxLength: 5 }), (label, ids) => {
        const a = compartmentName({ ...label, allowOrgIds: ids });
        const b = compartmentName({ ...label, allowOrgIds: [...ids].reverse().concat(ids.slice(0, 1)) });
        return a === b;
      }),
    );
  });

  it('meeting names round-trip', () => {
    fc.assert(
      fc.property(arbId, (id) => {
        expect(parseDocName(meetingDocName(id))).toEqual({ type: 'meeting', meetingId: id });
      }),
    );
  });

  it('parse rejects junk', () => {
    const junk = [
      '',
      '..',
      '/',
      'case',
      'case/c1/p/p1/health/o',
      'case/c1/p/p1/health/o/clinic/',
      '/case/c1/p/p1/health/o/clinic',
      'case/c1/p/p1/health/o/clinic/extra',
      'case/c1/p/p1/health/o/clinic/x/n/more',
      'case/c1/p/p1/health/o/clinic/x/',
      'case/c1/p/p1/health/o/clinic/y/n',
      'case/../p/p1/health/o/clinic',
      'case/c1/p/p1/../o/clinic',
      'case/c1/p/p1/medical/o/clinic',
      'case/c1/q/p1/health/o/clinic',
      'case/c1/p/p1/health/o/cl inic',
      'case/c1/p/p1/health/o/clinic/x/a.z.b', // unsorted
      'case/c1/p/p1/health/o/clinic/x/a.b.b', // duplicated
      'case/c1/p/p1/health/o/clinic/x/a.', // empty id
      'case/c1/p/p1/health/o/clinic/x/n~a.b', // parts out of order
      'case/c1/p/p1/health/o/clinic/x/a~n~n',
      'case/c1/p/p1/health/o/clinic/x/ab',
      'case/c1/p/p1/health/o/clinic/x/~n',
      `case/${'c'.repeat(65)}/p/p1/health/o/clinic`,
      'meeting/',
      'meeting/m1/x',
      'meeting/..',
      'meeting/m 1',
      'meeting',
      'Meeting/m1',
    ];
    for (const name of junk) expect({ name, parsed: parseDocName(name) }).toEqual({ name, parsed: null });
  });

  it('whatever parses is canonical (random strings and mutated names)', () => {
    const arbSep = fc.constantFrom('/', '.', '~', '..', ' ', '%2F', 'x', 'a', 'n', '');
    const arbMutated = fc.tuple(arbLabel, fc.nat(), arbSep).map(([label, at, piece]) => {
      const name = compartmentName(label);
      const i = at % (name.length + 1);
      return name.slice(0, i) + piece + name.slice(i);
    });
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom('/', '.', '~', 'a', 'n', 'x', 'case', 'p', 'o', 'health', 'meeting') }), arbMutated), (name) => {
        const parsed = parseDocName(name);
        return parsed === null || serialise(parsed) === name;
      }),
      { numRuns: 5000 },
    );
  });
});
