/**
 * The effective consent status at a moment. Date-only bounds are Japanese calendar days: a
 * 同意書 valid "until 2025-06-15" lasts until 23:59:59.999 JST on that day, whatever the
 * server's time zone.
 */
import { describe, expect, it } from 'vitest';
import { consentCovers, effectiveConsent, validityEndsAt } from '../../shared/policy/consent-effective.ts';
import type { ConsentState } from '../../shared/domain/consent.ts';

const base: ConsentState = {
  personId: 'p1',
  status: 'granted',
  validFrom: '2025-04-01',
  validUntil: '2025-06-15',
  scope: [
    { category: 'health', orgId: 'clinic' },
    { category: 'living', orgId: '*' },
  ],
};

describe('effectiveConsent', () => {
  it('is not_asked without a record, and passes other statuses through', () => {
    expect(effectiveConsent(undefined, '2025-05-01T00:00:00Z')).toBe('not_asked');
    for (const status of ['not_asked', 'refused', 'withdrawn', 'expired'] as const) {
      expect(effectiveConsent({ ...base, status }, '2025-05-01T00:00:00Z')).toBe(status);
    }
  });

  it.each([
    ['2025-03-31T23:59:59.999+09:00', 'expired'], // the day before validFrom, Japan time
    ['2025-03-31T15:00:00Z', 'granted'], // = 2025-04-01 00:00 JST
    ['2025-04-01T00:00:00+09:00', 'granted'],
    ['2025-06-15T23:59:59.999+09:00', 'granted'], // validUntil is inclusive
    ['2025-06-15T14:59:59.999Z', 'granted'],
    ['2025-06-15T15:00:00Z', 'expired'], // = 2025-06-16 00:00 JST
    ['2025-06-16', 'expired'],
    ['2025-06-15', 'granted'],
  ] as const)('at %s a consent valid 2025-04-01..2025-06-15 is %s', (now, status) => {
    expect(effectiveConsent(base, now)).toBe(status);
  });

  it('compares full timestamps as instants', () => {
    const c = { ...base, validFrom: '2025-05-01T09:00:00+09:00', validUntil: '2025-05-01T10:00:00Z' };
    expect(effectiveConsent(c, '2025-05-01T00:00:00Z')).toBe('granted');
    expect(effectiveConsent(c, '2025-04-30T23:59:59Z')).toBe('expired');
    expect(effectiveConsent(c, '2025-05-01T10:00:00.001Z')).toBe('expired');
  });

  it('is open-ended when the bounds are null', () => {
    expect(effectiveConsent({ ...base, validFrom: null, validUntil: null }, '2099-01-01T00:00:00Z')).toBe('granted');
  });

  it('fails closed on anything it cannot read', () => {
    expect(effectiveConsent(base, 'now')).toBe('expired');
    expect(effectiveConsent(base, '2025-05-01T10:00:00')).toBe('expired'); // no offset: host-dependent
    expect(effectiveConsent({ ...base, validUntil: '2025-02-30' }, '2025-01-01T00:00:00Z')).toBe('expired');
    expect(effectiveConsent({ ...base, validFrom: 'April' }, '2025-05-01T00:00:00Z')).toBe('expired');
  });
});

describe('consentCovers', () => {
  const now = '2025-05-01T10:00:00+09:00';
  it('covers a category named for the org, or for all members', () => {
    expect(consentCovers(base, 'health', 'clinic', now)).toBe(true);
    expect(consentCovers(base, 'health', 'school', now)).toBe(false);
    expect(consentCovers(base, 'living', 'school', now)).toBe(true);
    expect(consentCovers(base, 'tax', 'clinic', now)).toBe(false);
  });

  it("asked for '*' it answers only for consent given to all members", () => {
    expect(consentCovers(base, 'living', '*', now)).toBe(true);
    expect(consentCovers(base, 'health', '*', now)).toBe(false);
  });

  it('covers nothing when not in force', () => {
    expect(consentCovers({ ...base, status: 'withdrawn' }, 'health', 'clinic', now)).toBe(false);
    expect(consentCovers(base, 'health', 'clinic', '2025-07-01T00:00:00Z')).toBe(false);
    expect(consentCovers(undefined, 'health', 'clinic', now)).toBe(false);
  });
});

describe('validityEndsAt (when the expiry timer fires)', () => {
  it('a date-only end is 24:00 Japan time at the end of its last day', () => {
    const ends = validityEndsAt({ ...base, validUntil: '2025-06-30' });
    expect(ends).toBe(Date.parse('2025-07-01T00:00:00+09:00'));
    // The first instant at which the consent no longer counts, and not one millisecond earlier.
    expect(effectiveConsent({ ...base, validUntil: '2025-06-30' }, new Date(ends! - 1).toISOString())).toBe('granted');
    expect(effectiveConsent({ ...base, validUntil: '2025-06-30' }, new Date(ends!).toISOString())).toBe('expired');
  });

  it('a timestamp end is that instant; no end, or no grant, plans nothing', () => {
    expect(validityEndsAt({ ...base, validUntil: '2025-06-30T12:00:00Z' })).toBe(Date.parse('2025-06-30T12:00:00Z') + 1);
    expect(validityEndsAt({ ...base, validUntil: null })).toBeNull();
    expect(validityEndsAt({ ...base, status: 'withdrawn', validUntil: '2025-06-30' })).toBeNull();
    expect(validityEndsAt(undefined)).toBeNull();
  });
});
