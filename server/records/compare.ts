import type { CompareView } from '../../shared/api/records.ts';
import { docFromState, read } from './doc-content.ts';
import { planCandidates, type VisibleDoc } from './visible.ts';

/** The plan as a record shows it: fields from the plan compartment, items and roles from all. */
export interface PlanView {
  plan: Record<string, string>;
  planItems: Map<string, Record<string, unknown>>;
  roles: Map<string, Record<string, unknown>>;
}

/** Plan fields shown side by side, in the order of the municipal plan form. */
export const PLAN_FIELDS = ['goal', 'policy', 'stage', 'monitoringDate'] as const;

/** Reads the plan out of the visible snapshots of one record (hidden ones never get here). */
export function planOf(docs: VisibleDoc[], subjectId: string | null): PlanView {
  let plan: Record<string, string> = {};
  for (const candidate of planCandidates(docs, subjectId)) {
    const doc = docFromState(candidate.state);
    const fields = read.plan(doc);
    doc.destroy();
    if (Object.keys(fields).length > 0) {
      plan = fields;
      break;
    }
  }
  const planItems = new Map<string, Record<string, unknown>>();
  const roles = new Map<string, Record<string, unknown>>();
  for (const d of docs) {
    if (d.label === null) continue;
    const doc = docFromState(d.state);
    for (const item of read.planItems(doc)) planItems.set(item.id, { ...item });
    for (const role of read.roles(doc)) roles.set(role.id, { ...role });
    doc.destroy();
  }
  return { plan, planItems, roles };
}

type Change = CompareView['plan'][number]['change'];

function changeOf(a: unknown, b: unknown): Change {
  if (a === null || a === undefined) return b === null || b === undefined ? 'same' : 'added';
  if (b === null || b === undefined) return 'removed';
  return stable(a) === stable(b) ? 'same' : 'changed';
}

/** JSON with sorted keys, so two equal items compare equal whatever order their fields were set in. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function diffMaps(a: Map<string, Record<string, unknown>>, b: Map<string, Record<string, unknown>>) {
  const ids = [...new Set([...a.keys(), ...b.keys()])];
  const rows = ids.map((id) => {
    const left = a.get(id) ?? null;
    const right = b.get(id) ?? null;
    return { id, a: left, b: right, change: changeOf(left, right) };
  });
  // Items in the order the earlier record had them, new ones after.
  return rows.sort((x, y) => Number(x.a === null) - Number(y.a === null));
}

/** Changes read from `a` (typically the earlier meeting) to `b`. */
export function comparePlans(a: PlanView, b: PlanView): Pick<CompareView, 'plan' | 'planItems' | 'roles'> {
  const extra = [...new Set([...Object.keys(a.plan), ...Object.keys(b.plan)])].filter((f) => !(PLAN_FIELDS as readonly string[]).includes(f)).sort();
  const plan = [...PLAN_FIELDS, ...extra].map((field) => {
    const left = a.plan[field] ?? null;
    const right = b.plan[field] ?? null;
    return { field, a: left, b: right, change: changeOf(left, right) };
  });
  return { plan, planItems: diffMaps(a.planItems, b.planItems), roles: diffMaps(a.roles, b.roles) };
}
