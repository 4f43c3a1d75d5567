import { useEffect, useState } from 'react';

const backoff = (attempt: number) => Math.min(30_000, 1000 * 2 ** attempt) * (0.8 + Math.random() * 0.4);

/**
 * Counts the case's access events (and stream reconnects, after which anything may have
 * changed): screens that show derived information (household, legal basis, consent summary)
 * fetch it again whenever the count moves, so a narrowing reaches every open screen at once.
 */
export function useAccessChanges(caseId: string | null): number {
  return useAccessChangesOf(caseId ? [caseId] : []);
}

/** The same over several cases (the case list): one stream per case, one count for all. */
export function useAccessChangesOf(caseIds: readonly string[]): number {
  const [count, setCount] = useState(0);
  const key = caseIds.join('|');
  useEffect(() => {
    const stops = caseIds.map((caseId) => watchCase(caseId, () => setCount((n) => n + 1)));
    return () => stops.forEach((stop) => stop());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return count;
}

/** One case's event stream; calls `bump` on access events and on reconnects. Returns the stop. */
function watchCase(caseId: string, bump: () => void): () => void {
  let source: EventSource | null = null;
  let reconnect: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let first = true;
  const connect = () => {
    source = new EventSource(`/api/cases/${encodeURIComponent(caseId)}/events`);
    source.addEventListener('ready', () => {
      attempt = 0;
      if (!first) bump();
      first = false;
    });
    source.addEventListener('access-changed', bump);
    source.onerror = () => {
      if (source?.readyState === EventSource.CLOSED) {
        source.close();
        reconnect = setTimeout(connect, backoff(attempt++));
      }
    };
  };
  connect();
  return () => {
    source?.close();
    if (reconnect) clearTimeout(reconnect);
  };
}
