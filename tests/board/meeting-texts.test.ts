import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BOARD_SCHEMA_VERSION, board, isNewerSchema, type AgendaItem, type Decision, type EcoNode } from '../../shared/board/schema.ts';
import { createItemTexts, ensureItemText, itemFieldText, itemText, textKey, textsOf, withItemTexts } from '../../shared/board/texts.ts';
import { applySplice, carryOver, spliceBetween } from '../../client/board/text/text-ops.ts';
import { docFromState, read, searchableText } from '../../server/records/doc-content.ts';
import { readAgenda, readDecisions } from '../../client/records/snapshot.ts';
import { EcoHistory } from '../../client/board/ecomap/history.ts';
import { openItemTexts } from '../../client/board/text/item-text-session.ts';
import { TYPING_ORIGIN } from '../../client/board/text/useYTextInput.ts';
import * as ops from '../../client/board/ecomap/ops.ts';
import { buildModel } from '../../client/board/ecomap/model.ts';
import type { CompartmentDoc } from '../../client/collab/compartment-pool.ts';
import type { PersonView } from '../../shared/api/cases.ts';

/**
 * Issue 11, "nothing typed is ever lost", for the meeting document (決定事項, 議題) and the
 * ecomap (names, relationship notes): two replicas typing into the same field at once both keep
 * their words; documents written before keep reading and upgrade on their first edit; what the
 * records read is the merged text.
 */

/** Two replicas that exchange everything both ways (as two browsers through the server do). */
function exchange(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

/** Types `words` at `index` of a field's shared text, as an input event does. */
function typeAt(text: Y.Text, index: number, words: string, origin: unknown = 'typing'): void {
  const before = text.toString();
  applySplice(text, spliceBetween(before, before.slice(0, index) + words + before.slice(index))!, origin);
}

const decision = (id: string, text: string): Decision => ({
  id,
  text,
  ownerOrgId: 'org-houkatsu',
  dueDate: '2026-05-31',
  planItemId: null,
  confirmed: false,
  confirmedBy: null,
  createdBy: 'u-tanaka',
  createdAt: '2026-04-01T10:00:00.000Z',
});
const asRow = <T extends { id: string }>(item: T) => item as T & Record<string, unknown>;

describe('決定事項 and 議題 are shared texts of the meeting document', () => {
  it('two screens typing into the same decision at once both keep their words, on both', () => {
    const pc = new Y.Doc();
    const tablet = new Y.Doc();
    const d = decision('d1', '包括が訪問する');
    pc.transact(() => {
      board.decisions(pc).set(d.id, d);
      createItemTexts(pc, 'decisions', asRow(d));
    });
    exchange(pc, tablet);
    // Offline from each other: one adds when, the other adds who else.
    typeAt(itemText(pc, 'decisions', 'd1', 'text')!, 0, '来週から');
    typeAt(itemText(tablet, 'decisions', 'd1', 'text')!, '包括が'.length, '社協と');
    exchange(pc, tablet);
    for (const doc of [pc, tablet]) {
      const [shown] = read.decisions(doc);
      expect(shown!.text).toBe('来週から包括が社協と訪問する');
      expect(readDecisions(doc)[0]!.text).toBe('来週から包括が社協と訪問する');
    }
    // The meeting document now says which version wrote it; a version-2 board only reads it.
    expect(board.meta(pc).get('schemaVersion')).toBe(BOARD_SCHEMA_VERSION);
    expect(BOARD_SCHEMA_VERSION).toBe(3);
    expect(isNewerSchema(pc)).toBe(false);
    board.meta(pc).set('schemaVersion', 4);
    expect(isNewerSchema(pc)).toBe(true);
  });

  it('a template agenda item (a plain string) gets its text on the first rename; then two screens rename it at once', () => {
    const pc = new Y.Doc();
    const tablet = new Y.Doc();
    const item: AgendaItem = { id: 'tpl-goal', text: '本人の目標の確認', order: 10, done: false };
    board.agenda(pc).set(item.id, item);
    exchange(pc, tablet);
    // Before anybody renames it, it reads as it is, and nothing of it is a Y.Text.
    expect(read.agenda(tablet).map((a) => a.text)).toEqual(['本人の目標の確認']);
    expect(itemText(tablet, 'agenda', item.id, 'text')).toBeNull();
    expect(board.meta(pc).get('schemaVersion')).toBeUndefined();

    pc.transact(() => ensureItemText(pc, 'agenda', asRow(item), 'text'));
    expect(board.meta(pc).get('schemaVersion')).toBe(3);
    exchange(pc, tablet);
    typeAt(itemText(pc, 'agenda', item.id, 'text')!, '本人の目標の確認'.length, 'と合意');
    typeAt(itemText(tablet, 'agenda', item.id, 'text')!, 0, '長男と');
    exchange(pc, tablet);
    for (const doc of [pc, tablet]) {
      expect(read.agenda(doc).map((a) => a.text)).toEqual(['長男と本人の目標の確認と合意']);
      expect(readAgenda(doc).map((a) => a.text)).toEqual(['長男と本人の目標の確認と合意']);
      expect(searchableText(doc)).toContain('長男と本人の目標の確認と合意');
    }
  });

  it('a decision of an older document reads as its plain string until edited, and edits start from it', () => {
    const doc = new Y.Doc();
    board.decisions(doc).set('d-old', decision('d-old', '家計相談を継続する'));
    expect(read.decisions(doc)[0]!.text).toBe('家計相談を継続する');
    const text = ensureItemText(doc, 'decisions', asRow(decision('d-old', '家計相談を継続する')), 'text');
    expect(text.toString()).toBe('家計相談を継続する');
    typeAt(text, 0, '月1回の');
    const frozen = docFromState(Y.encodeStateAsUpdate(doc));
    expect(read.decisions(frozen)[0]!.text).toBe('月1回の家計相談を継続する');
    // The item's own string is what an older reader sees; the shared text is what counts.
    expect((board.decisions(frozen).get('d-old') as Decision).text).toBe('家計相談を継続する');
    expect(searchableText(frozen)).toContain('月1回の家計相談を継続する');
  });

  it('two screens making the very first edit of an older item at once: the words typed into the text that loses are carried over', () => {
    const pc = new Y.Doc();
    const tablet = new Y.Doc();
    const item = decision('d-race', '見守りを続ける');
    board.decisions(pc).set(item.id, item);
    exchange(pc, tablet);
    // Both enter edit mode before hearing of each other: each session makes its own Y.Text.
    const switched: string[] = [];
    const onPc = openItemTexts(pc, 'decisions', asRow(item), () => switched.push('pc'));
    const onTablet = openItemTexts(tablet, 'decisions', asRow(item), () => switched.push('tablet'));
    typeAt(onPc.texts.text!, 0, '週1回の', TYPING_ORIGIN);
    typeAt(onTablet.texts.text!, '見守りを続ける'.length, '（民生委員も）', TYPING_ORIGIN);
    exchange(pc, tablet);
    // One text replaced the other; the screen that lost switched to the winner, carrying its words.
    expect(switched).toHaveLength(1);
    exchange(pc, tablet);
    for (const doc of [pc, tablet]) expect(read.decisions(doc)[0]!.text).toBe('週1回の見守りを続ける（民生委員も）');
    const loser = switched[0] === 'pc' ? onPc : onTablet;
    expect(loser.texts.text).toBe(itemText(switched[0] === 'pc' ? pc : tablet, 'decisions', item.id, 'text'));
    // Typing goes on into the text in use, and 取消 takes back only this screen's words.
    typeAt(loser.texts.text!, 0, '当面、', TYPING_ORIGIN);
    loser.revert();
    exchange(pc, tablet);
    const kept = switched[0] === 'pc' ? '見守りを続ける（民生委員も）' : '週1回の見守りを続ける';
    for (const doc of [pc, tablet]) expect(read.decisions(doc)[0]!.text).toBe(kept);
    onPc.close();
    onTablet.close();
  });

  it('carries a loser’s words past the winner’s own changes', () => {
    const doc = new Y.Doc();
    const winner = new Y.Text('長男と本人の目標');
    doc.getMap('x').set('t', winner);
    // The losing text went from 本人の目標 to 本人の目標の確認; the winner added 長男と at the start.
    carryOver(winner, '本人の目標', '本人の目標の確認', 'typing');
    expect(winner.toString()).toBe('長男と本人の目標の確認');
  });
});

describe('the ecomap’s names and notes are shared texts of their compartment', () => {
  const label = { personId: 'p-haru', category: 'basic' as const, supplierOrgId: 'org-shakyo', allowOrgIds: null, notToPerson: false };
  const compartment = (doc: Y.Doc, docName = 'case/c/p/p-haru/basic/o/org-shakyo'): CompartmentDoc => ({ doc, docName, label, access: 'write' }) as unknown as CompartmentDoc;
  const haru: PersonView = { id: 'p-haru', name: '山田 ハル', relation: '本人', sex: 'female', age: 82, isSubject: true, deceased: false };
  /** The ecomap as a board draws it from one compartment. */
  const modelOf = (c: CompartmentDoc) =>
    buildModel(
      [haru],
      [...board.ecoNodes(c.doc).values()].map((v) => ({ value: withItemTexts(c.doc, 'ecoNodes', v), from: c })),
      [...board.ecoEdges(c.doc).values()].map((v) => ({ value: withItemTexts(c.doc, 'ecoEdges', v), from: c })),
    );

  it('two screens renaming the same resource at once both keep their words (board, records and search)', () => {
    const pc = compartment(new Y.Doc());
    const tablet = compartment(new Y.Doc());
    const node = ops.addResource(new EcoHistory(), pc, { kind: 'informal', orgId: null, label: 'フードバンク', field: 'other', x: 100, y: 0 });
    const edge = ops.connect(new EcoHistory(), modelOf(pc), { from: node.id, to: 'person:p-haru', strength: 'strong', direction: 'forward', label: '月2回' });
    exchange(pc.doc, tablet.doc);
    typeAt(itemText(pc.doc, 'ecoNodes', node.id, 'label')!, 0, '北町');
    typeAt(itemText(tablet.doc, 'ecoNodes', node.id, 'label')!, 'フードバンク'.length, 'かさね');
    typeAt(itemText(pc.doc, 'ecoEdges', edge.id, 'label')!, '月2回'.length, 'の配達');
    typeAt(itemText(tablet.doc, 'ecoEdges', edge.id, 'label')!, 0, '毎');
    exchange(pc.doc, tablet.doc);
    for (const c of [pc, tablet]) {
      const model = modelOf(c);
      expect(model.resources.map((r) => r.node.label)).toEqual(['北町フードバンクかさね']);
      expect(model.edges.map((e) => e.edge.label)).toEqual(['毎月2回の配達']);
      const frozen = docFromState(Y.encodeStateAsUpdate(c.doc));
      expect(read.ecoNodes(frozen).map((n) => n.label)).toEqual(['北町フードバンクかさね']);
      expect(read.ecoEdges(frozen).map((e) => e.label)).toEqual(['毎月2回の配達']);
      expect(searchableText(frozen)).toContain('北町フードバンクかさね');
    }
  });

  it('an older resource (plain label) reads as it was, and its first rename starts from it', () => {
    const c = compartment(new Y.Doc());
    const old: EcoNode = { id: 'n-old', kind: 'informal', personId: null, orgId: null, label: '民生委員', field: 'other', x: 0, y: 120 };
    board.ecoNodes(c.doc).set(old.id, old);
    expect(modelOf(c).resources[0]!.node.label).toBe('民生委員');
    expect(itemFieldText(c.doc, 'ecoNodes', asRow(old), 'label')).toBe('民生委員');
    typeAt(ensureItemText(c.doc, 'ecoNodes', asRow(old), 'label'), '民生委員'.length, 'の鈴木さん');
    expect(modelOf(c).resources[0]!.node.label).toBe('民生委員の鈴木さん');
    // Compartments carry no schema stamp: only the meeting document is guarded by it.
    expect(board.meta(c.doc).get('schemaVersion')).toBeUndefined();
  });

  it('two screens rename a resource at once and both save: undo on one takes back its words only, and keeps the resource', () => {
    const pcHistory = new EcoHistory();
    const pc = compartment(new Y.Doc());
    const tablet = compartment(new Y.Doc());
    const node = ops.addResource(pcHistory, pc, { kind: 'informal', orgId: null, label: 'フードバンク', field: 'other', x: 0, y: 0 });
    exchange(pc.doc, tablet.doc);
    const edit = (c: CompartmentDoc, index: number, words: string) => {
      const text = itemText(c.doc, 'ecoNodes', node.id, 'label')!;
      const typing = new Y.UndoManager(text, { trackedOrigins: new Set(['typing']), captureTimeout: 600_000 });
      typeAt(text, index, words);
      typing.removeTrackedOrigin('typing');
      return typing;
    };
    const pcTyping = edit(pc, 0, '北町');
    const tabletTyping = edit(tablet, 'フードバンク'.length, 'こども食堂');
    exchange(pc.doc, tablet.doc);
    ops.updateResource(pcHistory, modelOf(pc), modelOf(pc).resources[0]!, { label: '北町フードバンクこども食堂' }, pc, () => pcTyping);
    exchange(pc.doc, tablet.doc);
    // The tablet saves after the PC: its item overwrites the PC's.
    ops.updateResource(new EcoHistory(), modelOf(tablet), modelOf(tablet).resources[0]!, { label: '北町フードバンクこども食堂', field: 'elderly' }, tablet, () => tabletTyping);
    exchange(pc.doc, tablet.doc);
    expect(pcHistory.undo()).toBe(true);
    exchange(pc.doc, tablet.doc);
    for (const c of [pc, tablet]) expect(modelOf(c).resources.map((r) => [r.node.label, r.node.field])).toEqual([['フードバンクこども食堂', 'elderly']]);
    expect(pcHistory.redo()).toBe(true);
    exchange(pc.doc, tablet.doc);
    for (const c of [pc, tablet]) expect(modelOf(c).resources.map((r) => r.node.label)).toEqual(['北町フードバンクこども食堂']);
  });

  it('undoing a rename takes back this tab’s words; undoing a deletion brings the name back; a relabel takes the name along', () => {
    const history = new EcoHistory();
    const c = compartment(new Y.Doc());
    const node = ops.addResource(history, c, { kind: 'service', orgId: null, label: '配食サービス', field: 'other', x: 0, y: 0 });
    // Editing: the form types into the shared text under its own undo, then saves.
    const text = itemText(c.doc, 'ecoNodes', node.id, 'label')!;
    const typing = new Y.UndoManager(text, { trackedOrigins: new Set(['typing']), captureTimeout: 600_000 });
    typeAt(text, 0, '夕食の');
    typing.removeTrackedOrigin('typing');
    const item = modelOf(c).resources[0]!;
    ops.updateResource(history, modelOf(c), item, { label: '夕食の配食サービス', field: 'elderly' }, c, () => typing);
    expect(modelOf(c).resources[0]!.node).toMatchObject({ label: '夕食の配食サービス', field: 'elderly' });

    expect(history.undo()).toBe(true);
    expect(modelOf(c).resources[0]!.node).toMatchObject({ label: '配食サービス', field: 'other' });
    expect(history.redo()).toBe(true);
    expect(modelOf(c).resources[0]!.node).toMatchObject({ label: '夕食の配食サービス', field: 'elderly' });

    ops.deleteResource(history, modelOf(c), modelOf(c).resources[0]!);
    expect(modelOf(c).resources).toEqual([]);
    expect(textsOf(c.doc).has(textKey('ecoNodes', node.id, 'label'))).toBe(false);
    expect(history.undo()).toBe(true);
    expect(modelOf(c).resources.map((r) => r.node.label)).toEqual(['夕食の配食サービス']);

    // Relabelled into another compartment: the name as it reads now goes along, in a text there.
    const other = compartment(new Y.Doc(), 'case/c/p/p-haru/health/o/org-shakyo');
    ops.updateResource(history, modelOf(c), modelOf(c).resources[0]!, {}, other);
    expect(modelOf(c).resources).toEqual([]);
    expect(textsOf(c.doc).size).toBe(0);
    expect(itemText(other.doc, 'ecoNodes', node.id, 'label')!.toString()).toBe('夕食の配食サービス');
    // Undo moves it back, name and all; redo moves it again.
    expect(history.undo()).toBe(true);
    expect(modelOf(other).resources).toEqual([]);
    expect(modelOf(c).resources.map((r) => r.node.label)).toEqual(['夕食の配食サービス']);
    expect(itemText(c.doc, 'ecoNodes', node.id, 'label')!.toString()).toBe('夕食の配食サービス');
    expect(history.redo()).toBe(true);
    expect(modelOf(c).resources).toEqual([]);
    typeAt(itemText(other.doc, 'ecoNodes', node.id, 'label')!, 0, '週3回・');
    expect(modelOf(other).resources.map((r) => r.node.label)).toEqual(['週3回・夕食の配食サービス']);
  });
});
