import { useEffect, useRef, useState } from 'react';
import type { CaseDetail } from '../../shared/api/cases.ts';
import { loadCaseIn } from './case-api.ts';

/**
 * The case detail, fetched again whenever `version` moves (an access event): the previous answer
 * stays on screen meanwhile, and answers are applied in request order only, so a slow old answer
 * cannot bring back what a newer one removed. A refusal (the user lost the case) clears it.
 */
export function useCaseDetail(caseId: string | null, ctx: string | null, version: number): { data: CaseDetail | null; error: Error | null; loading: boolean } {
  const [state, setState] = useState<{ data: CaseDetail | null; error: Error | null; loading: boolean }>({ data: null, error: null, loading: true });
  const seq = useRef(0);
  const key = `${caseId}|${ctx}`;
  const lastKey = useRef(key);
  useEffect(() => {
    if (lastKey.current !== key) {
      lastKey.current = key;
      setState({ data: null, error: null, loading: true });
    }
    if (!caseId) return;
    const mine = ++seq.current;
    loadCaseIn(caseId, ctx).then(
      (data) => mine === seq.current && setState({ data, error: null, loading: false }),
      (error: Error) => mine === seq.current && setState({ data: null, error, loading: false }),
    );
  }, [caseId, ctx, key, version]);
  return state;
}
