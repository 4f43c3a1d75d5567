import { useCallback, useEffect, useRef, useState } from 'react';
import type { DecisionConfirmationList, DecisionConfirmationView, DecisionContent } from '../../../shared/api/decisions.ts';
import { ApiError, api, unwrap } from '../../api/client.ts';
import type { CaseManifest } from '../../collab/useCaseManifest.ts';

export interface Confirmations {
  list: readonly DecisionConfirmationView[];
  /** The last fetch failed; `list` is the previous answer meanwhile. */
  error: Error | null;
  confirm(decisionId: string, content: Required<DecisionContent>): Promise<DecisionConfirmationView>;
}

const RETRY_MS = 5000;

/**
 * The server's list of confirmed decisions for this meeting: fetched on mount, on every
 * decisions-confirmed event of the case, and whenever the event stream (re)connects (events
 * may have been missed meanwhile). Answers are applied in request order only.
 */
export function useConfirmations(meetingId: string, manifest: Pick<CaseManifest, 'decisionsConfirmed' | 'live'>, enabled: boolean): Confirmations {
  const [list, setList] = useState<readonly DecisionConfirmationView[]>([]);
  const [error, setError] = useState<Error | null>(null);
  const seq = useRef(0);

  const load = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const body = await unwrap<DecisionConfirmationList>(api.meetings[':meetingId'].decisions.confirmations.$get({ param: { meetingId } }));
      if (mine !== seq.current) return;
      setList(body.confirmations);
      setError(null);
    } catch (e) {
      if (mine === seq.current) setError(e as Error);
    }
  }, [meetingId]);

  useEffect(() => {
    if (enabled) void load();
  }, [enabled, load, manifest.decisionsConfirmed, manifest.live]);

  // A failed fetch is retried: a badge must not stay wrong until the next event.
  useEffect(() => {
    if (!error || !enabled) return;
    const timer = setTimeout(() => void load(), RETRY_MS);
    return () => clearTimeout(timer);
  }, [error, enabled, load]);

  const confirm = useCallback(
    async (decisionId: string, content: Required<DecisionContent>) => {
      // The edit travels over the WebSocket, the confirmation over HTTP: if the server has not
      // seen the edit yet it answers 404/decision_changed, so try again briefly before giving up.
      for (let attempt = 0; ; attempt++) {
        try {
          const confirmation = await unwrap<DecisionConfirmationView>(
            api.meetings[':meetingId'].decisions[':decisionId'].confirm.$post({ param: { meetingId, decisionId }, json: content }),
          );
          setList((current) => (current.some((c) => c.decisionId === decisionId && c.textHash === confirmation.textHash) ? current : [...current, confirmation]));
          return confirmation;
        } catch (e) {
          const retryable = e instanceof ApiError && (e.code === 'not_found' || e.code === 'decision_changed') && e.status !== 403;
          if (!retryable || attempt >= 4) throw e;
          await new Promise((resolve) => setTimeout(resolve, 250 * (attempt + 1)));
        }
      }
    },
    [meetingId],
  );

  return { list, error, confirm };
}
