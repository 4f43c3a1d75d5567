import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { connectionMonitor } from './connection-monitor.ts';

export interface PendingEdits {
  /** Local edits made while the document could not be sent to the server. */
  readonly count: number;
  dispose(): void;
}

/**
 * Counts this viewer's edits of one document that have not reached the server: every local
 * transaction made while the socket is down, not yet synced, or the server unreachable. The
 * count returns to 0 once the provider has synced again over a live connection (the sync sends
 * the server everything it lacks). Also makes the provider drop a socket the monitor knows is
 * dead, instead of waiting for y-websocket's 30 s watchdog.
 */
export interface PendingStore {
  origin: unknown;
  unsentAtOpen: number;
  keepUnsent(update: Uint8Array): void;
  allSent(): void;
}

export function trackPendingEdits(doc: Y.Doc, provider: WebsocketProvider, store: PendingStore | null, onChange: (count: number) => void): PendingEdits {
  // Edits an earlier page could not send count until the server has them.
  let count = store?.unsentAtOpen ?? 0;
  if (count > 0) queueMicrotask(() => onChange(count));
  const live = () => provider.wsconnected && provider.synced && connectionMonitor.reachable;
  const set = (next: number) => {
    if (next === 0) store?.allSent();
    if (next === count) return;
    count = next;
    onChange(count);
  };
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === provider || (store && origin === store.origin)) return;
    if (!live()) {
      store?.keepUnsent(update);
      set(count + 1);
    }
  };
  const onSync = (synced: boolean) => {
    if (synced && connectionMonitor.reachable) set(0);
  };
  const unsubscribe = connectionMonitor.subscribe((reachable) => {
    if (!reachable) {
      // The socket may look open but carries nothing: drop it, y-websocket retries with backoff.
      if (provider.shouldConnect && provider.ws) {
        provider.disconnect();
        provider.connect();
      }
    } else if (provider.wsconnected && provider.synced) {
      set(0);
    } else if (provider.shouldConnect && !provider.wsconnected && !provider.wsconnecting) {
      provider.connect();
    }
  });
  doc.on('update', onUpdate);
  provider.on('sync', onSync);
  return {
    get count() {
      return count;
    },
    dispose() {
      unsubscribe();
      doc.off('update', onUpdate);
      provider.off('sync', onSync);
    },
  };
}
