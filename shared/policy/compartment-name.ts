/**
 * Document names: one Yjs document per label (a compartment), one per meeting.
 *
 * The name is derived from the label alone, so two items with the same label always land in
 * the same document and an item whose label changes must move (DESIGN.md "compartments").
 * Every part of the label that access() reads is in the name; the server still checks the
 * document's registered label, but a name that cannot be parsed strictly is refused before
 * any lookup: the name arrives from the network.
 *
 *   case/<caseId>/p/<personId>/<category>/o/<supplierOrgId>[/x/<restrictionKey>]
 *   meeting/<meetingId>
 *
 * Restriction key, canonical form only (so one label has exactly one name):
 *   'a' + ('.' + orgId)*   allow-list, ids sorted and unique ('a' alone: supplier only)
 *   'n'                    not to the person
 *   'a.<ids>~n'            both ('~' cannot occur in an id, so the parts never blur)
 */
import { isCategory } from '../domain/categories.ts';
import type { Category } from '../domain/categories.ts';
import type { Label } from './types.ts';

/** Ids travel in URLs and document names: a small alphabet keeps '/', '.', '~' free as separators. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

export interface Restriction {
  allowOrgIds: string[] | null;
  notToPerson: boolean;
}

export interface CompartmentNameParts {
  caseId: string;
  personId: string;
  category: Category;
  supplierOrgId: string;
  /** null when the label carries no restriction. */
  restrictionKey: string | null;
}

export type DocName =
  | ({ type: 'compartment' } & CompartmentNameParts)
  | { type: 'meeting'; meetingId: string };

function requireId(value: string, what: string): string {
  if (!isValidId(value)) throw new Error(`invalid ${what} for a document name: ${JSON.stringify(value)}`);
  return value;
}

/** The canonical key of a restriction, or null when there is none. Throws on an invalid org id. */
export function restrictionKey(restriction: Restriction): string | null {
  const parts: string[] = [];
  if (restriction.allowOrgIds !== null) {
    // Allow-lists are sets: order and duplicates must not split one compartment in two.
    const ids = [...new Set(restriction.allowOrgIds.map((id) => requireId(id, 'allowed org id')))].sort();
    parts.push(['a', ...ids].join('.'));
  }
  if (restriction.notToPerson) parts.push('n');
  return parts.length === 0 ? null : parts.join('~');
}

/** Inverse of restrictionKey(); null unless `key` is exactly in canonical form. */
export function parseRestrictionKey(key: string): Restriction | null {
  const parts = key.split('~');
  let allowOrgIds: string[] | null = null;
  let notToPerson = false;
  const first = parts[0];
  if (parts.length > 2 || first === undefined) return null;
  if (first.startsWith('a')) {
    const [tag, ...ids] = first.split('.');
    if (tag !== 'a' || !ids.every(isValidId)) return null;
    allowOrgIds = ids;
    if (parts.length === 2) {
      if (parts[1] !== 'n') return null;
      notToPerson = true;
    }
  } else if (first === 'n' && parts.length === 1) {
    notToPerson = true;
  } else {
    return null;
  }
  const restriction = { allowOrgIds, notToPerson };
  // Non-canonical spellings (unsorted, duplicated ids) are rejected, not normalised: accepting
  // them would let one label open under two names.
  return restrictionKey(restriction) === key ? restriction : null;
}

/** The compartment document that holds every item with this label. Throws on an invalid id. */
export function compartmentName(label: Label): string {
  if (!isCategory(label.category)) throw new Error(`invalid category: ${JSON.stringify(label.category)}`);
  const base = [
    'case',
    requireId(label.caseId, 'case id'),
    'p',
    requireId(label.personId, 'person id'),
    label.category,
    'o',
    requireId(label.supplierOrgId, 'supplier org id'),
  ].join('/');
  const key = restrictionKey(label);
  return key === null ? base : `${base}/x/${key}`;
}

/** Strict parse of a compartment name; null on anything that compartmentName() would not produce. */
export function parseCompartmentName(name: string): CompartmentNameParts | null {
  const s = name.split('/');
  if (s.length !== 7 && s.length !== 9) return null;
  const [root, caseId, p, personId, category, o, supplierOrgId, x, key] = s;
  if (root !== 'case' || p !== 'p' || o !== 'o') return null;
  if (!isValidId(caseId) || !isValidId(personId) || !isValidId(supplierOrgId)) return null;
  if (!isCategory(category)) return null;
  let restriction: string | null = null;
  if (s.length === 9) {
    if (x !== 'x' || key === undefined || parseRestrictionKey(key) === null) return null;
    restriction = key;
  }
  return { caseId, personId, category, supplierOrgId, restrictionKey: restriction };
}

/** The meeting document (agenda, decisions, minutes, attendance). Throws on an invalid id. */
export function meetingDocName(meetingId: string): string {
  return `meeting/${requireId(meetingId, 'meeting id')}`;
}

/** Any document name the collaboration server accepts; null for everything else. */
export function parseDocName(name: string): DocName | null {
  if (name.startsWith('meeting/')) {
    const meetingId = name.slice('meeting/'.length);
    return isValidId(meetingId) ? { type: 'meeting', meetingId } : null;
  }
  const parts = parseCompartmentName(name);
  return parts === null ? null : { type: 'compartment', ...parts };
}
