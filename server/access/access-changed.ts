import type { Deps } from '../deps.ts';
import { reevaluateCase, type Reevaluation } from '../collab/revocation.ts';

/**
 * Call after committing anything that can change who sees what in a case. Connections that lost
 * access are closed before this resolves, so an API call that awaits it returns only once the
 * revocation has taken effect on this node.
 */
export async function accessChanged(deps: Deps, caseId: string, why: string): Promise<Reevaluation> {
  const result = await reevaluateCase(deps, caseId);
  deps.events.emit({ type: 'access-changed', caseId, why });
  return result;
}
