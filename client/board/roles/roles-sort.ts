import type { PersonView } from '../../../shared/api/cases.ts';
import type { RoleAssignment, RoleStatus } from '../../../shared/board/schema.ts';
import type { CompartmentDoc } from '../../collab/compartment-pool.ts';

/** A role row as the board writes it: the author lets the board offer "delete your own". */
export type BoardRole = RoleAssignment & { authorId?: string; createdAt?: string; updatedAt?: string };

export interface RoleRowData {
  role: BoardRole;
  from: CompartmentDoc;
}

export const ROLE_STATUSES: readonly RoleStatus[] = ['planned', 'active', 'done', 'paused'];

export const SORT_KEYS = ['agency', 'personInCharge', 'role', 'member', 'from', 'until', 'status'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface SortState {
  key: SortKey;
  dir: 'asc' | 'desc';
}

// Japanese collation (kana and kanji readings as a Japanese reader expects them), numbers by value.
const collator = new Intl.Collator('ja', { numeric: true });

/**
 * Orders the rows for one viewer (sorting is a view, never written to the document). Empty
 * values sort last in both directions, so "未定" rows do not jump to the top on a reverse sort;
 * ties keep creation order so rows do not shuffle while others type.
 */
export function sortRoles(
  rows: readonly RoleRowData[],
  sort: SortState | null,
  orgName: (orgId: string) => string,
  persons: readonly PersonView[],
): RoleRowData[] {
  const created = (r: RoleRowData) => r.role.createdAt ?? '';
  const byCreation = (a: RoleRowData, b: RoleRowData) => created(a).localeCompare(created(b)) || a.role.id.localeCompare(b.role.id);
  if (!sort) return [...rows].sort(byCreation);
  const household = new Map(persons.map((p, i) => [p.id, i]));
  const value = (r: RoleRowData): string | number | null => {
    switch (sort.key) {
      case 'agency':
        return orgName(r.role.orgId);
      case 'personInCharge':
        return r.role.personInCharge || null;
      case 'role':
        return r.role.role || null;
      case 'member':
        // Household order (本人 first), as the case page lists them.
        return household.get(r.role.personId) ?? persons.length;
      case 'from':
        return r.role.from;
      case 'until':
        return r.role.until;
      case 'status':
        return ROLE_STATUSES.indexOf(r.role.status);
    }
  };
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === vb ? byCreation(a, b) : va === null ? 1 : -1;
    const order = typeof va === 'number' && typeof vb === 'number' ? va - vb : collator.compare(String(va), String(vb));
    return sign * order || byCreation(a, b);
  });
}

/** The next sort after a header click: ascending, then descending, then back to creation order. */
export function nextSort(current: SortState | null, key: SortKey): SortState | null {
  if (current?.key !== key) return { key, dir: 'asc' };
  return current.dir === 'asc' ? { key, dir: 'desc' } : null;
}
