import type { CaseDetail } from '../../shared/api/cases.ts';
import { unwrap } from '../api/client.ts';

/**
 * The case as this viewer may know it. `ctx` (`meeting:<id>`) names the board or record the
 * household is shown on: the server then also decides it under that meeting's basis. (A plain
 * fetch: the typed client has no query for this route, so that its other callers stay as they are.)
 */
export function loadCaseIn(caseId: string, ctx: string | null): Promise<CaseDetail> {
  const query = ctx ? `?ctx=${encodeURIComponent(ctx)}` : '';
  return unwrap<CaseDetail>(fetch(`/api/cases/${encodeURIComponent(caseId)}${query}`, { credentials: 'same-origin' }));
}
