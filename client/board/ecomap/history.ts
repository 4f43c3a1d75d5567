import * as Y from 'yjs';
import { board } from '../../../shared/board/schema.ts';
import { textsOf } from '../../../shared/board/texts.ts';

/** One change to one compartment document, applied inside that document's transaction. */
export interface DocChange {
  doc: Y.Doc;
  apply(): void;
}

/** One user action, possibly across documents (a relabel deletes in one and inserts in another). */
interface Step {
  docs: Y.Doc[];
  /**
   * A name or note typed in a form is typed live into its shared text (texts.ts), not through this
   * history; saving hands the form's own undo of that typing to the step, so undoing the edit
   * takes back the words too (only this tab's words: others typing in the same field keep theirs).
   */
  typing?: Y.UndoManager;
}

/**
 * Undo/redo of this tab's own ecomap changes only. Each writable compartment document gets a
 * Y.UndoManager over its ecoNodes/ecoEdges that tracks nothing but this tab's origin object, so
 * a remote change is never captured and never undone (and Yjs refuses to restore a value that
 * somebody else has overwritten since). Items live in many documents, so this class keeps the
 * order of steps across them: undo reverts the last step, whichever compartment it touched.
 */
export class EcoHistory {
  /** Passed to every doc.transact() of the ecomap; its identity is what the managers track. */
  readonly origin = { source: 'ecomap', tab: Math.random().toString(36).slice(2) };
  private readonly managers = new Map<Y.Doc, Y.UndoManager>();
  private undoSteps: Step[] = [];
  private redoSteps: Step[] = [];
  private readonly listeners = new Set<() => void>();
  private version = 0;

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = () => this.version;

  get canUndo(): boolean {
    return this.undoSteps.some((s) => this.live(s));
  }

  get canRedo(): boolean {
    return this.redoSteps.some((s) => this.live(s));
  }

  /** Applies `changes` (one transaction per document) and records them as one step. */
  commit(changes: readonly DocChange[], typing: Y.UndoManager | null = null): void {
    const docs = [...new Set(changes.map((c) => c.doc))];
    const before = new Map(docs.map((doc) => [doc, this.managerFor(doc).undoStack.length]));
    for (const doc of docs) {
      doc.transact(() => {
        for (const c of changes) if (c.doc === doc) c.apply();
      }, this.origin);
    }
    // Only documents that really changed got a stack item; a step must not pop anybody else's.
    const changed = docs.filter((doc) => this.managerFor(doc).undoStack.length > before.get(doc)!);
    if (changed.length === 0) {
      typing?.destroy();
      return;
    }
    this.undoSteps.push(typing ? { docs: changed, typing } : { docs: changed });
    for (const dropped of this.redoSteps) dropped.typing?.destroy();
    this.redoSteps = [];
    for (const manager of this.managers.values()) manager.clear(false, true);
    this.notify();
  }

  /** Reverts this tab's last step; false when there is nothing left to revert. */
  undo(): boolean {
    return this.replay(this.undoSteps, this.redoSteps, (m) => onlyTop(m, 'undoStack', () => m.undo()), (t) => drain(t, 'undo'));
  }

  redo(): boolean {
    return this.replay(this.redoSteps, this.undoSteps, (m) => onlyTop(m, 'redoStack', () => m.redo()), (t) => drain(t, 'redo'));
  }

  private replay(from: Step[], to: Step[], run: (m: Y.UndoManager) => boolean, type: (t: Y.UndoManager) => boolean): boolean {
    while (from.length > 0) {
      const step = from.pop()!;
      const done = [...step.docs].reverse().filter((doc) => {
        const manager = this.managers.get(doc);
        return manager !== undefined && run(manager);
      });
      // The typed words go back even when somebody has since saved the item over this tab's save
      // (Yjs then leaves the item as they saved it): they are still this tab's words.
      const typed = step.typing ? type(step.typing) : false;
      if (done.length > 0 || typed) {
        to.push(step.typing ? { docs: done, typing: step.typing } : { docs: done });
        this.notify();
        return true;
      }
      // Every document of that step is gone (access ended): skip to the one before.
      step.typing?.destroy();
    }
    this.notify();
    return false;
  }

  private live(step: Step): boolean {
    return step.docs.some((doc) => this.managers.has(doc)) || step.typing !== undefined;
  }

  private managerFor(doc: Y.Doc): Y.UndoManager {
    let manager = this.managers.get(doc);
    if (!manager) {
      // captureTimeout 0: every commit is its own step (the cross-document order relies on it).
      // ecoLayout is used in the meeting document only (positions of others' resources).
      // `texts` so that undoing an addition or a deletion takes the item's shared text with it
      // (what people type there has other origins and is never captured here).
      manager = new Y.UndoManager([board.ecoNodes(doc), board.ecoEdges(doc), board.ecoLayout(doc), textsOf(doc)], {
        trackedOrigins: new Set([this.origin]),
        captureTimeout: 0,
      });
      this.managers.set(doc, manager);
      // A compartment the server ended is destroyed with its history; forget it.
      doc.once('destroy', () => {
        this.managers.delete(doc);
        this.notify();
      });
    }
    return manager;
  }

  private notify(): void {
    this.version++;
    for (const listener of [...this.listeners]) listener();
  }
}

/**
 * Runs one undo/redo against the top stack item only. Yjs keeps popping older items while an item
 * changes nothing (all of it overwritten by others); here an older item belongs to an older step
 * of the cross-document order, so it must stay where it is.
 */
function onlyTop(manager: Y.UndoManager, key: 'undoStack' | 'redoStack', run: () => unknown): boolean {
  const stack = manager[key];
  if (stack.length === 0) return false;
  const rest = stack.slice(0, -1);
  manager[key] = stack.slice(-1);
  try {
    return run() !== null;
  } finally {
    manager[key] = [...rest, ...manager[key]];
  }
}

/** Undoes (or redoes) all of a form's typing (one edit is one step, however long it was typed); true when anything changed. */
function drain(typing: Y.UndoManager, way: 'undo' | 'redo'): boolean {
  let changed = false;
  while (way === 'undo' ? typing.canUndo() : typing.canRedo()) if ((way === 'undo' ? typing.undo() : typing.redo()) !== null) changed = true;
  return changed;
}

/**
 * One history per browser tab (the "per-tab origin"): switching board sections unmounts the panel
 * but must not forget what this tab may undo.
 */
export const ecoHistory = new EcoHistory();
