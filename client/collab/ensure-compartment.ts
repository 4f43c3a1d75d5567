import type { LabelInput, Manifest } from '../../shared/api/compartments.ts';
import { api, unwrap } from '../api/client.ts';
import type { CompartmentDoc, CompartmentPool } from './compartment-pool.ts';

/**
 * The writable compartment document for a label: the server registers it (or finds it) for the
 * author's agency, and it is opened through a fresh manifest like every other one. Every panel
 * that adds a labelled item (note, ecomap node, role, plan item) goes through here.
 */
export async function ensureCompartment(
  caseId: string,
  ctx: string,
  label: LabelInput,
  pool: CompartmentPool,
  refresh: () => Promise<Manifest | null>,
): Promise<CompartmentDoc> {
  const { docName } = await unwrap<{ docName: string }>(api.cases[':caseId'].compartments.$post({ param: { caseId }, json: { ctx, label } }));
  if (!pool.get(docName)) await refresh();
  const compartment = await pool.whenSynced(docName);
  if (compartment.access !== 'write') throw new Error('read-only compartment');
  return compartment;
}
