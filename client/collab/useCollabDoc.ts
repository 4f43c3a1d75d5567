import { useEffect, useState } from 'react';
import { PROTOCOL_VERSION, PROTOCOL_VERSION_PARAM } from '../../shared/protocol/version.ts';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { isFinalClose } from '../../shared/protocol/close-codes.ts';

export type CollabStatus = 'connecting' | 'connected' | 'disconnected' | 'ended';

export interface CollabDoc {
  doc: Y.Doc;
  provider: WebsocketProvider;
  status: CollabStatus;
  synced: boolean;
  /** Set when the server closed with a final code (access withdrawn, signed out …). */
  endedReason: string | null;
}

export function collabServerUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
}

/**
 * One Yjs document over one WebSocket. When the server ends access for good (a 44xx close), the
 * provider stops reconnecting and the document is destroyed, so its content leaves the screen and
 * memory at once.
 */
export function useCollabDoc(docName: string | null): CollabDoc | null {
  const [state, setState] = useState<CollabDoc | null>(null);

  useEffect(() => {
    if (!docName) return;
    const doc = new Y.Doc();
    // BroadcastChannel sharing between tabs would bypass the server's access decisions.
    const provider = new WebsocketProvider(collabServerUrl(), docName, doc, { params: { [PROTOCOL_VERSION_PARAM]: String(PROTOCOL_VERSION) }, disableBc: true });
    let current: CollabDoc = { doc, provider, status: 'connecting', synced: false, endedReason: null };
    const update = (patch: Partial<CollabDoc>) => {
      current = { ...current, ...patch };
      setState(current);
    };
    setState(current);
    provider.on('status', ({ status }) => {
      if (current.status !== 'ended') update({ status });
    });
    provider.on('sync', (synced: boolean) => update({ synced }));
    provider.on('connection-close', (event) => {
      if (event && isFinalClose(event.code)) {
        provider.disconnect();
        update({ status: 'ended', endedReason: event.reason || String(event.code), synced: false });
        // Drop every byte of the document we may no longer hold.
        doc.destroy();
      }
    });
    return () => {
      provider.destroy();
      doc.destroy();
      setState(null);
    };
  }, [docName]);

  return state;
}
