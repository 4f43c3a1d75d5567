import { useCallback, useEffect, useRef, useState } from 'react';
import type { Manifest } from '../../shared/api/compartments.ts';
import { ApiError, api, unwrap } from '../api/client.ts';

import { CASE_EVENT_TYPES, STREAM_EVENTS, type CaseEventType } from '../../shared/protocol/case-events.ts';

/** Server-sent events of the case (defined once in shared/protocol/case-events.ts). */
export const CASE_EVENTS = CASE_EVENT_TYPES;
export type { CaseEventType };

export interface CaseManifest {
  manifest: Manifest | null;
  /** performance.now() when the request behind `manifest` was sent (see CompartmentPool.sync). */
  requestedAt: number;
  /** The last fetch failed (the previous manifest, if any, stays in force meanwhile). */
  error: Error | null;
  /** True while the event stream is connected; false means changes arrive only on retry. */
  live: boolean;
  /** Counts access-changed events, for screens that hold other access-dependent data. */
  accessChanges: number;
  /** Counts decisions-confirmed events: the decisions panel fetches the confirmations again. */
  decisionsConfirmed: number;
  /** Fetches again now; resolves with a manifest requested after the call (null on failure). */
  refresh(): Promise<Manifest | null>;
}

const backoff = (attempt: number) => Math.min(30_000, 1000 * 2 ** attempt) * (0.8 + Math.random() * 0.4);
/** Answers that a retry would only repeat: the session ended, or the meeting is not ours. */
const isFinal = (error: unknown) => error instanceof ApiError && [401, 403, 404].includes(error.status);

/**
 * The compartments this viewer may open in one context (`meeting:<id>`), kept current: fetched
 * once, then again on every access event of the case's event stream (and whenever that stream
 * reconnects, as events may have been missed meanwhile). Responses are applied in request
 * order only, so a slow old answer cannot undo a newer one.
 */
export function useCaseManifest(caseId: string | null, ctx: string | null): CaseManifest {
  const [state, setState] = useState<Omit<CaseManifest, 'refresh'>>({ manifest: null, requestedAt: 0, error: null, live: false, accessChanges: 0, decisionsConfirmed: 0 });
  const started = useRef(0);
  const applied = useRef(0);
  const attempt = useRef(0);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const active = useRef<{ caseId: string; ctx: string } | null>(null);

  const load = useCallback(async (): Promise<Manifest | null> => {
    const target = active.current;
    if (!target) return null;
    const seq = ++started.current;
    const requestedAt = performance.now();
    if (retryTimer.current) clearTimeout(retryTimer.current);
    retryTimer.current = null;
    try {
      const manifest = await unwrap<Manifest>(
        api.cases[':caseId'].manifest.$get({ param: { caseId: target.caseId }, query: { ctx: target.ctx } }),
      );
      if (active.current !== target) return null;
      if (seq > applied.current) {
        applied.current = seq;
        attempt.current = 0;
        setState((s) => ({ ...s, manifest, requestedAt, error: null }));
      }
      return manifest;
    } catch (error) {
      if (active.current !== target || seq < started.current) return null;
      // A final answer (signed out, no longer admitted) also withdraws what was open.
      setState((s) => ({ ...s, error: error as Error, ...(isFinal(error) ? { manifest: null, requestedAt } : {}) }));
      if (!isFinal(error)) {
        retryTimer.current = setTimeout(() => void load(), backoff(attempt.current++));
      }
      return null;
    }
  }, []);

  useEffect(() => {
    if (!caseId || !ctx) return;
    const target = { caseId, ctx };
    active.current = target;
    applied.current = started.current;
    attempt.current = 0;
    setState({ manifest: null, requestedAt: 0, error: null, live: false, accessChanges: 0, decisionsConfirmed: 0 });
    void load();

    let source: EventSource | null = null;
    let reconnect: ReturnType<typeof setTimeout> | null = null;
    let sseAttempt = 0;
    const connect = () => {
      source = new EventSource(`/api/cases/${encodeURIComponent(caseId)}/events`);
      source.addEventListener(STREAM_EVENTS.ready, () => {
        sseAttempt = 0;
        setState((s) => ({ ...s, live: true }));
        // Anything may have changed while the stream was down (or before it first opened).
        void load();
      });
      for (const type of CASE_EVENTS) {
        source.addEventListener(type, () => {
          // Not about access: nothing to fetch here, the decisions panel refetches on its own.
          if (type === 'decisions-confirmed') return setState((s) => ({ ...s, decisionsConfirmed: s.decisionsConfirmed + 1 }));
          if (type === 'access-changed') setState((s) => ({ ...s, accessChanges: s.accessChanges + 1 }));
          void load();
        });
      }
      source.onerror = () => {
        setState((s) => ({ ...s, live: false }));
        // The browser retries network errors itself; an HTTP error closes the stream for good.
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          reconnect = setTimeout(connect, backoff(sseAttempt++));
        }
      };
    };
    connect();

    return () => {
      active.current = null;
      source?.close();
      if (reconnect) clearTimeout(reconnect);
      if (retryTimer.current) clearTimeout(retryTimer.current);
      retryTimer.current = null;
    };
  }, [caseId, ctx, load]);

  return { ...state, refresh: load };
}
