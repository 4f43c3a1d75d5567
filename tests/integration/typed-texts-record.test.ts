/**
 * Issue 11, "nothing typed is ever lost", through the real server (SQLite, real sockets): tanaka
 * (the facilitator) types into the same 決定事項, 議題 and ecomap name from two screens at once;
 * the server's confirmation check, the minutes model, the DOCX and the search index all read the
 * merged words. A confirmation stands while the wording is unchanged (also when an older decision's
 * plain string becomes a shared text with the same words) and falls when the shared text changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { waitUntil, yClient } from '../helpers/ws.ts';
import { board, type Decision } from '../../shared/board/schema.ts';
import { createItemTexts, ensureItemText, itemText } from '../../shared/board/texts.ts';
import { confirmationOf, type DecisionConfirmationList } from '../../shared/api/decisions.ts';
import type { MinutesModel } from '../../shared/api/records.ts';
import { docxParagraphs, untilServerHas } from '../records/helpers.ts';
import { FIRST, haruBasic } from '../records/scenario.ts';

const MEETING_DOC = `meeting/${FIRST}`;
const VISIT = '包括が見守り訪問を行う';
const OLD = '家計相談を継続する';
const AGENDA = '本人の目標の確認';

type Client = ReturnType<typeof yClient>;

/** Types `words` at `index` of a shared text (what an input event does). */
function typeAt(text: Y.Text, index: number, words: string): void {
  text.doc!.transact(() => text.insert(index, words));
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
  createdAt: new Date().toISOString(),
});
const row = <T extends { id: string }>(item: T) => item as T & Record<string, unknown>;

describe('typed fields of the meeting and the ecomap merge, and every server reader reads the merged words', () => {
  let server: TestServer;
  let tanaka: string;
  let pc: Client, tablet: Client, pcPlan: Client, tabletPlan: Client;
  const confirmPath = (id: string) => `/api/meetings/${FIRST}/decisions/${id}/confirm`;
  const confirmations = async () => ((await (await api(server.url, tanaka, 'GET', `/api/meetings/${FIRST}/decisions/confirmations`)).json()) as DecisionConfirmationList).confirmations;
  const shared = (c: Client, collection: 'decisions' | 'agenda', id: string) => itemText(c.doc, collection, id, 'text')?.toString() ?? null;

  beforeAll(async () => {
    server = await startTestServer();
    tanaka = await login(server.url, 'tanaka');
    expect((await api(server.url, tanaka, 'POST', `/api/meetings/${FIRST}/state`, { state: 'open' })).status).toBe(200);
    // His PC and the meeting room's tablet, each with the meeting and the plan compartment.
    pc = yClient(server.url, MEETING_DOC, tanaka);
    tablet = yClient(server.url, MEETING_DOC, tanaka);
    pcPlan = yClient(server.url, haruBasic, tanaka, `meeting:${FIRST}`);
    tabletPlan = yClient(server.url, haruBasic, tanaka, `meeting:${FIRST}`);
    await Promise.all([pc, tablet, pcPlan, tabletPlan].map((c) => c.synced()));
  });
  afterAll(async () => {
    for (const c of [pc, tablet, pcPlan, tabletPlan]) c?.destroy();
    await server?.dispose();
  });

  it('a confirmation stands while nothing changes, also when an older decision gets its shared text', async () => {
    const recorded = decision('d-visit', VISIT);
    pc.doc.transact(() => {
      board.decisions(pc.doc).set(recorded.id, recorded);
      createItemTexts(pc.doc, 'decisions', row(recorded));
    });
    // A decision as a version-2 board wrote it: a plain string, no shared text.
    board.decisions(pc.doc).set('d-old', decision('d-old', OLD));
    await untilServerHas(server, MEETING_DOC, (d) => board.decisions(d).has('d-old') && board.decisions(d).has('d-visit'));
    for (const [id, text] of [['d-visit', VISIT], ['d-old', OLD]] as const) {
      expect((await api(server.url, tanaka, 'POST', confirmPath(id), { text, ownerOrgId: 'org-houkatsu', dueDate: '2026-05-31' })).status).toBe(200);
    }
    expect(await confirmations()).toHaveLength(2);

    // The tablet opens the old decision for editing (its words become a shared text) and saves it unchanged.
    await waitUntil(() => board.decisions(tablet.doc).has('d-old'), 5000, 'd-old on the tablet');
    tablet.doc.transact(() => ensureItemText(tablet.doc, 'decisions', row(board.decisions(tablet.doc).get('d-old')!), 'text'));
    await untilServerHas(server, MEETING_DOC, (d) => itemText(d, 'decisions', 'd-old', 'text') !== null);
    // Still the confirmed content: confirming it again records nothing new, and the board's view says 確定.
    expect((await api(server.url, tanaka, 'POST', confirmPath('d-old'), { text: OLD, ownerOrgId: 'org-houkatsu', dueDate: '2026-05-31' })).status).toBe(200);
    const list = await confirmations();
    expect(list.filter((c) => c.decisionId === 'd-old')).toHaveLength(1);
    await waitUntil(() => shared(pc, 'decisions', 'd-old') === OLD, 5000, 'the shared text on the PC');
    expect(confirmationOf({ ...board.decisions(pc.doc).get('d-old')!, text: shared(pc, 'decisions', 'd-old')! }, list).state).toBe('confirmed');
  });

  it('both screens type into the confirmed decision at once: both words stay, and the confirmation falls', async () => {
    await waitUntil(() => shared(tablet, 'decisions', 'd-visit') === VISIT, 5000, 'd-visit on the tablet');
    // In the same tick: neither screen has heard of the other's words when it types.
    typeAt(itemText(pc.doc, 'decisions', 'd-visit', 'text')!, 0, '毎週火曜に');
    typeAt(itemText(tablet.doc, 'decisions', 'd-visit', 'text')!, VISIT.length, '（長女に連絡のうえ）');
    const merged = `毎週火曜に${VISIT}（長女に連絡のうえ）`;
    for (const c of [pc, tablet]) await waitUntil(() => shared(c, 'decisions', 'd-visit') === merged, 5000, 'both words on both screens');
    await untilServerHas(server, MEETING_DOC, (d) => itemText(d, 'decisions', 'd-visit', 'text')?.toString() === merged);
    // The decision's own string still says the old wording; the server reads the shared text.
    expect(board.decisions(pc.doc).get('d-visit')!.text).toBe(VISIT);
    const stale = await api(server.url, tanaka, 'POST', confirmPath('d-visit'), { text: VISIT, ownerOrgId: 'org-houkatsu', dueDate: '2026-05-31' });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error).toBe('decision_changed');
    expect(confirmationOf({ ...board.decisions(pc.doc).get('d-visit')!, text: merged }, await confirmations()).state).toBe('changed');
  });

  it('an agenda item and an ecomap name renamed from both screens at once keep both words', async () => {
    // A template item (plain string); the PC starts renaming it (its shared text), then both type.
    board.agenda(pc.doc).set('tpl-goal', { id: 'tpl-goal', text: AGENDA, order: 10, done: true });
    pc.doc.transact(() => ensureItemText(pc.doc, 'agenda', row(board.agenda(pc.doc).get('tpl-goal')!), 'text'));
    await waitUntil(() => shared(tablet, 'agenda', 'tpl-goal') === AGENDA, 5000, 'the agenda text on the tablet');
    typeAt(itemText(pc.doc, 'agenda', 'tpl-goal', 'text')!, AGENDA.length, 'と次回の日程');
    typeAt(itemText(tablet.doc, 'agenda', 'tpl-goal', 'text')!, 0, '長男を交えた');

    const node = { id: 'n-food', kind: 'informal' as const, personId: null, orgId: null, label: 'フードバンク', field: 'other', x: 0, y: -240 };
    pcPlan.doc.transact(() => {
      board.ecoNodes(pcPlan.doc).set(node.id, node);
      createItemTexts(pcPlan.doc, 'ecoNodes', row(node));
    });
    await waitUntil(() => itemText(tabletPlan.doc, 'ecoNodes', node.id, 'label') !== null, 5000, 'the node on the tablet');
    typeAt(itemText(pcPlan.doc, 'ecoNodes', node.id, 'label')!, 0, '北町');
    typeAt(itemText(tabletPlan.doc, 'ecoNodes', node.id, 'label')!, 'フードバンク'.length, 'こども食堂');

    await untilServerHas(server, MEETING_DOC, (d) => itemText(d, 'agenda', 'tpl-goal', 'text')?.toString() === `長男を交えた${AGENDA}と次回の日程`);
    await untilServerHas(server, haruBasic, (d) => itemText(d, 'ecoNodes', node.id, 'label')?.toString() === '北町フードバンクこども食堂');
  });

  it('the closed record (minutes model, DOCX, search) shows the merged words', async () => {
    expect((await api(server.url, tanaka, 'POST', `/api/meetings/${FIRST}/state`, { state: 'closed' })).status).toBe(200);
    const res = await api(server.url, tanaka, 'GET', `/api/meetings/${FIRST}/minutes`);
    expect(res.status).toBe(200);
    const m = (await res.json()) as MinutesModel;
    const merged = `毎週火曜に${VISIT}（長女に連絡のうえ）`;
    expect(m.decisions.map((d) => [d.text, d.confirmation])).toEqual(
      expect.arrayContaining([
        [merged, '未確定'],
        [OLD, '確定'],
      ]),
    );
    expect(m.agenda).toContainEqual({ text: `長男を交えた${AGENDA}と次回の日程`, state: '済' });
    expect(m.ecomap!.legend.map((l) => l.name)).toContain('北町フードバンクこども食堂');

    const docx = Buffer.from(await (await api(server.url, tanaka, 'GET', `/api/meetings/${FIRST}/minutes.docx`)).arrayBuffer());
    const paragraphs = docxParagraphs(docx).map((p) => p.text).join('\n');
    expect(paragraphs).toContain(merged);
    expect(paragraphs).toContain(`長男を交えた${AGENDA}と次回の日程`);

    // Words typed only into the shared texts are found by the search of records.
    for (const [q, docName] of [['長女に連絡のうえ', MEETING_DOC], ['こども食堂', haruBasic]] as const) {
      const res = await api(server.url, tanaka, 'GET', `/api/search?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      const { hits } = (await res.json()) as { hits: { docName: string }[] };
      expect(hits.map((h) => h.docName)).toContain(docName);
    }
  });
});
