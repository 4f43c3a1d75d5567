import type { CompareView } from '../../shared/api/records.ts';

/** Turning compare rows into words: which fields changed and how an item or role reads. */

export type Change = CompareView['plan'][number]['change'];
export type Side = Record<string, unknown> | null;

const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : JSON.stringify(v));

/** Field names whose values differ between the two sides of a changed row. */
export function changedFields(a: Side, b: Side): string[] {
  if (!a || !b) return [];
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => k !== 'id' && str(a[k]) !== str(b[k]));
}

export function counts(view: CompareView): Record<Exclude<Change, 'same'>, number> {
  const all = [...view.plan, ...view.planItems, ...view.roles];
  return {
    added: all.filter((r) => r.change === 'added').length,
    removed: all.filter((r) => r.change === 'removed').length,
    changed: all.filter((r) => r.change === 'changed').length,
  };
}

export const field = (side: Side, key: string): string => (side ? str(side[key]) : '');
