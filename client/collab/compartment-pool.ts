import * as Y from 'yjs';
import { PROTOCOL_VERSION, PROTOCOL_VERSION_PARAM } from '../../shared/protocol/version.ts';
import { WebsocketProvider } from 'y-websocket';
import type { CompartmentView, LabelView } from '../../shared/api/compartments.ts';
import { isNoteItem, notesOf, type NoteItem } from '../../shared/board/items.ts';
import { board } from '../../shared/board/schema.ts';
import { withItemTexts, textsOf } from '../../shared/board/texts.ts';
import { collabServerUrl, type CollabStatus } from './useCollabDoc.ts';
import { closeActionOf, announceSessionEnded, shouldReconnect } from './close-policy.ts';
import { discardLocalCopy, openLocalCopy, type LocalCopy } from './local-copy.ts';
import { trackPendingEdits } from './pending-edits.ts';
import { CloseCodes } from '../../shared/protocol/close-codes.ts';
import { sendOwnPresenceOnly } from './own-presence-only.ts';

/** A note as the board writes it: the author's id lets the board offer "edit your own". */
export type BoardNote = NoteItem & { authorId?: string; updatedAt?: string };

/** One open compartment, as the screen sees it (a new object whenever anything in it changes). */
export interface CompartmentDoc {
  docName: string;
  label: LabelView;
  access: 'read' | 'write';
  doc: Y.Doc;
  status: Exclude<CollabStatus, 'ended'>;
  /** The content has arrived from the server at least once (it stays true while offline). */
  synced: boolean;
  notes: readonly BoardNote[];
  /** This viewer's edits not yet sent to the server (made offline). */
  pending?: number;
  /** The close code when the server stopped this document without ending access (1009, 4400, 4429). */
  halted?: number | null;
}

/** What went when the server ended a document: its kind (the label), never its content. */
export interface EndedDoc {
  docName: string;
  code: number;
  label: LabelView;
  /** How many items (notes, ecomap entries, roles, plan items, the plan) it held for this viewer. */
  items: number;
}

interface Entry {
  view: CompartmentDoc;
  provider: WebsocketProvider;
  copy: LocalCopy | null;
  dispose(): void;
}

/** A document the server ended for good, remembered so a stale manifest cannot reopen it. */
interface Ended {
  at: number;
  count: number;
}

/** After this many final closes of one document the pool stops reopening it (until reload). */
const MAX_REOPENS = 3;

/**
 * Keeps one Y.Doc + WebsocketProvider per compartment the manifest lists, and nothing else.
 * `sync()` opens what is new and destroys what is no longer listed; a 44xx close from the server
 * destroys the document at once (its content leaves memory and screen) and asks for a fresh
 * manifest. A plain class with subscribe/getSnapshot, so React reads it through
 * useSyncExternalStore and tests can drive it without React.
 */
export class CompartmentPool {
  private readonly entries = new Map<string, Entry>();
  private readonly ended = new Map<string, Ended>();
  private readonly listeners = new Set<() => void>();
  private snapshot: readonly CompartmentDoc[] = [];
  private destroyed = false;

  constructor(
    private readonly ctx: string,
    /** Whose local copies to open (each user has their own); null keeps nothing on disk. */
    private readonly userId: string | null,
    private readonly onFinalClose: (ended: EndedDoc) => void,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): readonly CompartmentDoc[] => this.snapshot;

  get(docName: string): CompartmentDoc | undefined {
    return this.entries.get(docName)?.view;
  }

  /** The open connection of a compartment: rich text in it (the plan text) needs its awareness for carets. */
  providerOf(docName: string): WebsocketProvider | undefined {
    return this.entries.get(docName)?.provider;
  }

  /**
   * Makes the open set equal to `list`. `requestedAt` (performance.now() when the manifest was
   * requested) keeps a manifest that was already on its way when the server ended a document
   * from reopening it.
   */
  sync(list: readonly CompartmentView[], requestedAt: number): void {
    if (this.destroyed) return;
    const wanted = new Map(list.filter((c) => c.access !== 'none').map((c) => [c.docName, c]));
    let changed = false;
    for (const [docName, entry] of this.entries) {
      const next = wanted.get(docName);
      if (!next) {
        // No longer listed: no longer ours to hold, on screen or on disk. The manifest can arrive
        // before the socket's 4410 (two connections, no order between them): it is the same end
        // of access, so the screen is told the same way, whichever comes first.
        const items = itemCount(entry.view.doc);
        void entry.copy?.discard();
        entry.dispose();
        this.entries.delete(docName);
        changed = true;
        if (entry.view.synced) {
          const previous = this.ended.get(docName);
          this.ended.set(docName, { at: performance.now(), count: (previous?.count ?? 0) + 1 });
          this.onFinalClose({ docName, code: CloseCodes.revoked.code, label: entry.view.label, items });
        }
      } else if (next.access !== entry.view.access) {
        // The server re-decides live connections in place (downgrade or upgrade): no reopen.
        if (next.access !== 'write' && entry.copy) {
          void entry.copy.discard();
          entry.copy = null;
        }
        entry.view = { ...entry.view, access: next.access as 'read' | 'write' };
        changed = true;
      }
    }
    for (const [docName, ended] of this.ended) {
      // A newer manifest agrees the document is gone: listing it again later is a real regain.
      if (!wanted.has(docName) && requestedAt > ended.at) this.ended.delete(docName);
    }
    for (const [docName, c] of wanted) {
      if (this.entries.has(docName)) continue;
      const ended = this.ended.get(docName);
      if (ended && (requestedAt <= ended.at || ended.count >= MAX_REOPENS)) continue;
      this.entries.set(docName, this.open(c));
      changed = true;
    }
    if (changed) this.publish();
  }

  /** Resolves once `docName` is open and synced; rejects if it is not open within `timeoutMs`. */
  whenSynced(docName: string, timeoutMs = 10_000): Promise<CompartmentDoc> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const view = this.get(docName);
        if (view?.synced) {
          done();
          resolve(view);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`compartment not available: ${docName}`));
      }, timeoutMs);
      const unsubscribe = this.subscribe(check);
      const done = () => {
        clearTimeout(timer);
        unsubscribe();
      };
      check();
    });
  }

  destroy(): void {
    this.destroyed = true;
    for (const entry of this.entries.values()) entry.dispose();
    this.entries.clear();
    this.publish();
    this.listeners.clear();
  }

  /** Tries a halted document again (the user pressed 再接続). */
  retry(docName: string): void {
    const entry = this.entries.get(docName);
    if (!entry || entry.view.halted == null) return;
    entry.view = { ...entry.view, halted: null };
    entry.provider.connect();
    this.publish();
  }

  private open(c: CompartmentView): Entry {
    const doc = new Y.Doc();
    // Unsent edits survive a reload: only in documents this viewer may write.
    const copy = c.access === 'write' && this.userId ? openLocalCopy(this.userId, c.docName, doc) : null;
    // BroadcastChannel between tabs would bypass the server's access decisions.
    const provider = new WebsocketProvider(collabServerUrl(), c.docName, doc, { params: { ctx: this.ctx, [PROTOCOL_VERSION_PARAM]: String(PROTOCOL_VERSION) }, disableBc: true, shouldReconnect });
    sendOwnPresenceOnly(provider);
    // Compartments carry no presence; the meeting document does.
    provider.awareness.setLocalState(null);
    const notes = notesOf(doc);
    const texts = textsOf(doc);
    const pending = trackPendingEdits(doc, provider, copy, (count) => update({ pending: count }));
    const entry: Entry = {
      view: { docName: c.docName, label: c.label, access: c.access as 'read' | 'write', doc, status: 'connecting', synced: false, notes: [], pending: 0, halted: null },
      provider,
      copy,
      dispose: () => {
        notes.unobserve(onNotes);
        texts.unobserveDeep(onNotes);
        pending.dispose();
        provider.destroy();
        entry.copy?.close();
        doc.destroy();
      },
    };
    const update = (patch: Partial<CompartmentDoc>) => {
      if (this.entries.get(c.docName) !== entry) return;
      entry.view = { ...entry.view, ...patch };
      this.publish();
    };
    // Notes are shown with their text read through the shared Y.Text (texts.ts).
    const onNotes = () => update({ notes: [...notes.values()].filter(isNoteItem).map((n) => withItemTexts(doc, 'notes', n)) as BoardNote[] });
    notes.observe(onNotes);
    texts.observeDeep(onNotes);
    provider.on('status', ({ status }) => update({ status }));
    // "Synced" here means the content has arrived once: offline the document stays on screen
    // (and editable: the edits wait in the local copy) instead of turning back into "loading".
    provider.on('sync', (synced: boolean) => update({ synced: entry.view.synced || synced }));
    provider.on('closed', ({ code }) => {
      if (this.entries.get(c.docName) !== entry) return;
      const action = closeActionOf(code);
      if (action === 'halt') return update({ halted: code, status: 'disconnected' });
      if (action === 'sign-in') {
        // The copy (with what was typed) stays for the next sign-in.
        announceSessionEnded();
        return update({ status: 'disconnected' });
      }
      // Access ended: the answer would be the same on retry. Drop every byte at once.
      const previous = this.ended.get(c.docName);
      this.ended.set(c.docName, { at: performance.now(), count: (previous?.count ?? 0) + 1 });
      const items = itemCount(doc);
      void (entry.copy ? entry.copy.discard() : this.userId ? discardLocalCopy(this.userId, c.docName) : undefined);
      entry.copy = null;
      entry.dispose();
      this.entries.delete(c.docName);
      this.publish();
      this.onFinalClose({ docName: c.docName, code, label: c.label, items });
    });
    return entry;
  }

  private publish(): void {
    this.snapshot = [...this.entries.values()].map((e) => e.view);
    for (const listener of [...this.listeners]) listener();
  }
}

/** How many things of the board a compartment held (what the screen counts when it goes). */
function itemCount(doc: Y.Doc): number {
  try {
    const plan = board.plan(doc).size > 0 ? 1 : 0;
    return notesOf(doc).size + board.ecoNodes(doc).size + board.ecoEdges(doc).size + board.roles(doc).size + board.planItems(doc).size + plan;
  } catch {
    return 0;
  }
}
