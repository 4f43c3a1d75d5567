import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { board } from '../../shared/board/schema.ts';
import { createItemTexts, ensureItemText, ensurePlanText, itemFieldText, planFieldText, withItemTexts } from '../../shared/board/texts.ts';
import { applySplice, rebaseSplice, spliceBetween } from '../../client/board/text/text-ops.ts';

/** Two replicas that exchange everything both ways (as two browsers through the server do). */
function exchange(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('typed board fields are shared texts', () => {
  it('two people typing into 本人の目標 at once both keep their words', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.transact(() => ensurePlanText(board.plan(a) as Y.Map<unknown>, 'goal'));
    exchange(a, b);
    const goalA = board.plan(a).get('goal') as Y.Text;
    const goalB = board.plan(b).get('goal') as Y.Text;
    // Offline from each other: both type into the empty field.
    applySplice(goalA, spliceBetween('', '一人で買い物に行く')!, 'a');
    applySplice(goalB, spliceBetween('', '友人と話す')!, 'b');
    exchange(a, b);
    for (const doc of [a, b]) {
      const text = planFieldText(board.plan(doc) as Y.Map<unknown>, 'goal');
      expect(text).toContain('一人で買い物に行く');
      expect(text).toContain('友人と話す');
    }
    expect(goalA.toString()).toBe(goalB.toString());
  });

  it('a document written before (plain string) reads as it was, and becomes a Y.Text with the same words', () => {
    const doc = new Y.Doc();
    board.plan(doc).set('policy', '包括が見守る');
    expect(planFieldText(board.plan(doc) as Y.Map<unknown>, 'policy')).toBe('包括が見守る');
    const text = ensurePlanText(board.plan(doc) as Y.Map<unknown>, 'policy');
    expect(text.toString()).toBe('包括が見守る');
    expect(board.plan(doc).get('policy')).toBeInstanceOf(Y.Text);

    const role = { id: 'r-old', role: '見守り', personInCharge: '佐藤' };
    board.roles(doc).set(role.id, role as never);
    expect(itemFieldText(doc, 'roles', role, 'role')).toBe('見守り');
    ensureItemText(doc, 'roles', role, 'role').insert(3, '訪問');
    expect(withItemTexts(doc, 'roles', role).role).toBe('見守り訪問');
    // Untouched fields still read from the item.
    expect(withItemTexts(doc, 'roles', role).personInCharge).toBe('佐藤');
  });

  it('concurrent edits of a role created with its texts merge on both replicas', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const row = { id: 'r-1', role: '家計相談', personInCharge: '' };
    a.transact(() => {
      board.roles(a).set(row.id, row as never);
      createItemTexts(a, 'roles', row);
    });
    exchange(a, b);
    ensureItemText(a, 'roles', row, 'role').insert(0, '月1回の');
    ensureItemText(b, 'roles', row, 'role').insert(4, 'と就労');
    exchange(a, b);
    expect(withItemTexts(a, 'roles', row).role).toBe('月1回の家計相談と就労');
    expect(withItemTexts(b, 'roles', row).role).toBe('月1回の家計相談と就労');
  });
});

describe('splices of a text field', () => {
  it('finds the one change an input event makes, without splitting a surrogate pair', () => {
    expect(spliceBetween('見守り', '見守り訪問')).toEqual({ index: 3, remove: 0, insert: '訪問' });
    expect(spliceBetween('見守り訪問', '見訪問')).toEqual({ index: 1, remove: 2, insert: '' });
    expect(spliceBetween('a😀b', 'a😃b')).toEqual({ index: 1, remove: 2, insert: '😃' });
    expect(spliceBetween('同じ', '同じ')).toBeNull();
  });

  it('moves an IME commit past words that arrived during the conversion', () => {
    // The field showed "目標:" and the user converted "買い物" at the end; meanwhile someone
    // inserted "本人の" at the start.
    const local = spliceBetween('目標:', '目標:買い物')!;
    const remote = [[{ insert: '本人の' }]] as unknown as Parameters<typeof rebaseSplice>[1];
    expect(rebaseSplice(local, remote)).toEqual({ index: 6, remove: 0, insert: '買い物' });
  });
});
