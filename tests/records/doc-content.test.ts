import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { board } from '../../shared/board/schema.ts';
import { notesOf } from '../../shared/board/items.ts';
import { docFromState, read, searchableText } from '../../server/records/doc-content.ts';
import { planOf } from '../../server/records/compare.ts';
import { textKey, textsOf } from '../../shared/board/texts.ts';

/**
 * Free-text fields may be stored as plain strings (older boards) or as Y.Text (merging
 * concurrent typing, issue 11), and items as plain objects or Y.Maps: a record reads both alike.
 */
function text(value: string): Y.Text {
  const t = new Y.Text();
  t.insert(0, value);
  return t;
}

function itemMap(fields: Record<string, unknown>): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) m.set(k, v);
  return m;
}

describe('record readers accept strings and Y.Text alike', () => {
  it('reads plan fields, items, roles, notes, decisions and agenda stored as shared types', () => {
    const doc = new Y.Doc();
    (board.plan(doc) as Y.Map<unknown>).set('goal', text('自宅で暮らし続けたい'));
    board.plan(doc).set('policy', '服薬を見守る');
    (board.planItems(doc) as Y.Map<unknown>).set('p1', itemMap({ id: 'p1', what: text('服薬カレンダー'), who: text('クリニック'), byWhen: null, category: 'health', status: 'open' }));
    (board.roles(doc) as Y.Map<unknown>).set('r1', itemMap({ id: 'r1', orgId: 'org-x', personInCharge: text('佐藤'), role: text('申請支援'), personId: 'p', from: null, until: null, status: 'active' }));
    (notesOf(doc) as Y.Map<unknown>).set('n1', itemMap({ id: 'n1', text: text('毎朝の声かけ'), authorName: '田中', authorOrgName: '社協', createdAt: '2026-01-01T00:00:00Z' }));
    (board.decisions(doc) as Y.Map<unknown>).set('d1', itemMap({ id: 'd1', text: text('訪問する'), ownerOrgId: null, dueDate: null, createdAt: '2026-01-01T00:00:00Z' }));
    (board.agenda(doc) as Y.Map<unknown>).set('a1', itemMap({ id: 'a1', text: text('目標の確認'), order: 1, done: true }));

    const frozen = docFromState(Y.encodeStateAsUpdate(doc));
    expect(read.plan(frozen)).toEqual({ goal: '自宅で暮らし続けたい', policy: '服薬を見守る' });
    expect(read.planItems(frozen)[0]).toMatchObject({ what: '服薬カレンダー', who: 'クリニック' });
    expect(read.roles(frozen)[0]).toMatchObject({ personInCharge: '佐藤', role: '申請支援' });
    expect(read.notes(frozen).map((n) => n.text)).toEqual(['毎朝の声かけ']);
    expect(read.decisions(frozen).map((d) => d.text)).toEqual(['訪問する']);
    expect(read.agenda(frozen).map((a) => a.text)).toEqual(['目標の確認']);
    expect(searchableText(frozen)).toContain('自宅で暮らし続けたい');

    const label = { personId: 'p', category: 'basic' as const, supplierOrgId: 'org-x', allowOrgIds: null, notToPerson: false };
    const view = planOf([{ docName: 'x', label, state: Y.encodeStateAsUpdate(doc) }], 'p');
    expect(view.plan.goal).toBe('自宅で暮らし続けたい');
    expect(view.planItems.get('p1')).toMatchObject({ what: '服薬カレンダー' });
  });

  it('reads typed item fields from the compartment’s texts map (schema version 2), over the item’s own string', () => {
    const doc = new Y.Doc();
    board.roles(doc).set('r1', { id: 'r1', orgId: 'org-x', personInCharge: '佐藤', role: '古い文言', personId: 'p', from: null, until: null, status: 'active' });
    board.planItems(doc).set('p1', { id: 'p1', what: '古い内容', who: 'クリニック', byWhen: null, category: 'health', status: 'open' });
    notesOf(doc).set('n1', { id: 'n1', text: '古いメモ', authorName: '田中', authorOrgName: '社協', createdAt: '2026-01-01T00:00:00Z' });
    textsOf(doc).set(textKey('roles', 'r1', 'role'), text('二人で書いた役割'));
    textsOf(doc).set(textKey('planItems', 'p1', 'what'), text('二人で書いた内容'));
    textsOf(doc).set(textKey('notes', 'n1', 'text'), text('二人で書いたメモ'));
    const frozen = docFromState(Y.encodeStateAsUpdate(doc));
    expect(read.roles(frozen)[0]!.role).toBe('二人で書いた役割');
    expect(read.planItems(frozen)[0]!.what).toBe('二人で書いた内容');
    expect(read.notes(frozen)[0]!.text).toBe('二人で書いたメモ');
    expect(searchableText(frozen)).toContain('二人で書いたメモ');
    expect(searchableText(frozen)).not.toContain('古いメモ');
  });
});
