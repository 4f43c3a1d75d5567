import type * as Y from 'yjs';

/** One contiguous change of a string: what an input event does (typing, pasting, an IME commit). */
export interface Splice {
  index: number;
  remove: number;
  insert: string;
}

/** The single splice that turns `before` into `after` (common prefix and suffix kept). */
export function spliceBetween(before: string, after: string): Splice | null {
  if (before === after) return null;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  // Never split a surrogate pair (emoji, rare kanji): move the cut before it.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  return { index: start, remove: endBefore - start, insert: after.slice(start, endAfter) };
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

type Delta = Y.YTextEvent['delta'];

/**
 * Where a position of the old text lands after a (remote) change. An insert exactly at the
 * position goes before it when `insertsBefore`, after it otherwise.
 */
export function shiftPosition(position: number, delta: Delta, insertsBefore = true): number {
  let oldIndex = 0;
  let result = position;
  for (const op of delta) {
    if (op.retain !== undefined) {
      oldIndex += op.retain;
    } else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      if (oldIndex < position || (oldIndex === position && insertsBefore)) result += length;
    } else if (op.delete !== undefined) {
      if (oldIndex < position) result -= Math.min(op.delete, position - oldIndex);
      oldIndex += op.delete;
    }
    if (oldIndex > position) break;
  }
  return result;
}

/** A local splice made on an older text, moved through the remote changes that came meanwhile. */
export function rebaseSplice(splice: Splice, deltas: readonly Delta[]): Splice {
  let start = splice.index;
  let end = splice.index + splice.remove;
  for (const delta of deltas) {
    start = shiftPosition(start, delta, true);
    end = Math.max(start, shiftPosition(end, delta, false));
  }
  return { index: start, remove: end - start, insert: splice.insert };
}

/** Applies a splice to a Y.Text in one transaction, clamped to the text as it is now. */
export function applySplice(text: Y.Text, splice: Splice, origin: unknown): void {
  const doc = text.doc;
  if (!doc || doc.isDestroyed) return;
  doc.transact(() => {
    const index = Math.min(splice.index, text.length);
    const remove = Math.min(splice.remove, text.length - index);
    if (remove > 0) text.delete(index, remove);
    if (splice.insert) text.insert(index, splice.insert);
  }, origin);
}

/**
 * Two screens gave a field its shared text at the same moment (the first edit of an item from an
 * older document) and the other one's won: what was typed here into the losing text (it went from
 * `started` to `typed`) is carried into the winner as one splice, moved past the winner's own
 * changes, so it is not lost with the losing text.
 */
export function carryOver(winner: Y.Text, started: string, typed: string, origin: unknown): void {
  const mine = spliceBetween(started, typed);
  if (!mine) return;
  const theirs = spliceBetween(started, winner.toString());
  const delta: Delta = theirs
    ? ([{ retain: theirs.index }, ...(theirs.remove > 0 ? [{ delete: theirs.remove }] : []), ...(theirs.insert ? [{ insert: theirs.insert }] : [])] as Delta)
    : [];
  applySplice(winner, theirs ? rebaseSplice(mine, [delta]) : mine, origin);
}
