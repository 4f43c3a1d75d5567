import { useEffect, useState } from 'react';
import { PROTOCOL_VERSION, PROTOCOL_VERSION_PARAM } from '../../shared/protocol/version.ts';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { announceSessionEnded, closeActionOf, shouldReconnect } from './close-policy.ts';
import { discardLocalCopy, openLocalCopy } from './local-copy.ts';
import { trackPendingEdits } from './pending-edits.ts';
import { sendOwnPresenceOnly } from './own-presence-only.ts';

export type CollabStatus = 'connecting' | 'connected' | 'disconnected' | 'ended';

export interface CollabDoc {
  doc: Y.Doc;
  provider: WebsocketProvider;
  status: CollabStatus;
  synced: boolean;
  /** Set when the server closed with a final code (access withdrawn, signed out …). */
  endedReason: string | null;
  /** The close code when access ended (4403/4404/4410). */
  endedCode?: number | null;
  /** This viewer's edits not yet sent (made offline). */
  pending?: number;
  /** The close code when the server stopped the document without ending access (1009, 4400, 4429). */
  halted?: number | null;
  /** Tries a halted document again. */
  retry?: () => void;
}

export function collabServerUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
}

/**
 * One Yjs document over one WebSocket. When the server ends access for good (4403/4404/4410),
 * the provider stops and the document is destroyed, so its content leaves the screen and memory at
 * once (and the local copy goes with it). With `localCopyOf` (the viewer's user id) unsent edits
 * are kept in this browser across reloads and sent on reconnect; see close-policy.ts for 4401,
 * 1009, 4400 and 4429.
 */
export function useCollabDoc(docName: string | null, localCopyOf: string | null = null): CollabDoc | null {
  const [state, setState] = useState<CollabDoc | null>(null);

  useEffect(() => {
    if (!docName) return;
    const doc = new Y.Doc();
    const copy = localCopyOf ? openLocalCopy(localCopyOf, docName, doc) : null;
    // BroadcastChannel sharing between tabs would bypass the server's access decisions.
    const provider = new WebsocketProvider(collabServerUrl(), docName, doc, { params: { [PROTOCOL_VERSION_PARAM]: String(PROTOCOL_VERSION) }, disableBc: true, shouldReconnect });
    sendOwnPresenceOnly(provider);
    const retry = () => {
      update({ halted: null });
      provider.connect();
    };
    let current: CollabDoc = { doc, provider, status: 'connecting', synced: false, endedReason: null, endedCode: null, pending: 0, halted: null, retry };
    const update = (patch: Partial<CollabDoc>) => {
      current = { ...current, ...patch };
      setState(current);
    };
    setState(current);
    const pending = trackPendingEdits(doc, provider, copy, (count) => update({ pending: count }));
    provider.on('status', ({ status }) => {
      if (current.status !== 'ended') update({ status });
    });
    provider.on('sync', (synced: boolean) => update({ synced }));
    provider.on('closed', ({ code, reason }) => {
      const action = closeActionOf(code);
      if (action === 'halt') return update({ halted: code });
      if (action === 'sign-in') return announceSessionEnded();
      if (action !== 'drop') return;
      provider.disconnect();
      pending.dispose();
      void (copy ? copy.discard() : localCopyOf ? discardLocalCopy(localCopyOf, docName) : undefined);
      update({ status: 'ended', endedReason: reason || String(code), endedCode: code, synced: false, pending: 0 });
      // Drop every byte of the document we may no longer hold.
      doc.destroy();
    });
    return () => {
      pending.dispose();
      provider.destroy();
      copy?.close();
      doc.destroy();
      setState(null);
    };
  }, [docName, localCopyOf]);

  return state;
}
