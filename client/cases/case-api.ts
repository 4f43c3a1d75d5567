import type { CaseDetail } from '../../shared/api/cases.ts';
import { api, unwrap } from '../api/client.ts';

/**
 * The case as this viewer may know it. `ctx` (`meeting:<id>`) names the board or record the
 * household is shown on: the server then also decides it under that meeting's basis.
 */
export function loadCaseIn(caseId: string, ctx: string | null): Promise<CaseDetail> {
  const url = api.cases[':caseId'].$url({ param: { caseId } });
  if (ctx) url.searchParams.set('ctx', ctx);
  return unwrap<CaseDetail>(fetch(url.pathname + url.search, { credentials: 'same-origin' }));
}
