import type { Db } from '../store/db.ts';
import type { SessionUser } from '../auth/lucia.ts';
import type { CompartmentView } from '../../shared/api/compartments.ts';
import { AccessSnapshot, type ResolvedContext } from './access-snapshot.ts';

/**
 * Every compartment of the case, decided for one viewer in one context. The client opens exactly
 * the `visible` ones; `hidden` is only ever shown to a facilitator previewing another viewer.
 */
export async function decideAllCompartments(
  db: Db,
  viewer: SessionUser,
  ctx: ResolvedContext,
  snapshot = new AccessSnapshot(db),
): Promise<{ visible: CompartmentView[]; hidden: CompartmentView[] }> {
  const rows = await db.selectFrom('compartments').select('doc_name').where('case_id', '=', ctx.caseId).orderBy('created_at').execute();
  const visible: CompartmentView[] = [];
  const hidden: CompartmentView[] = [];
  for (const { doc_name } of rows) {
    // The manifest lists what the board may open live: nothing of a closed meeting (its record shows it).
    const d = await snapshot.decideLiveCompartment(viewer, ctx, doc_name);
    if (!d.label) continue;
    const view: CompartmentView = {
      docName: doc_name,
      label: {
        personId: d.label.personId,
        category: d.label.category,
        supplierOrgId: d.label.supplierOrgId,
        allowOrgIds: d.label.allowOrgIds,
        notToPerson: d.label.notToPerson,
      },
      access: d.access,
      reason: d.reason,
    };
    (d.access === 'none' ? hidden : visible).push(view);
  }
  return { visible, hidden };
}
