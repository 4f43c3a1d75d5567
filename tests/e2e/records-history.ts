/**
 * The history the records e2e test reviews, made through the real API and real Yjs clients: two
 * 重層的支援会議 of the 山田さん case (プラン策定, then プラン変更), each opened, written into
 * (minutes, decisions, agenda, plan, roles, ecomap) by tanaka and closed.
 */
import * as Y from 'yjs';
import { expect } from 'vitest';
import type { TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { yClient } from '../helpers/ws.ts';
import { board } from '../../shared/board/schema.ts';
import { decision, untilServerCaughtUp } from '../records/helpers.ts';
import { DECISION_TEXT, FIRST, ITEM_P1, MINUTES_LINE, PLAN_V1, ROLE_R1, haruBasic } from '../records/scenario.ts';

const SECOND_DECISION = '障害者相談支援センターあおばが健二さんの事業所見学に同行する';

/** Tiptap's shape of the minutes: headings, paragraphs, a bullet list. */
function block(name: string, text: string, attrs: Record<string, number> = {}): Y.XmlElement {
  const el = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v as unknown as string);
  el.insert(0, [new Y.XmlText(text)]);
  return el;
}
function bulletList(items: string[]): Y.XmlElement {
  const list = new Y.XmlElement('bulletList');
  list.insert(0, items.map((text) => {
    const li = new Y.XmlElement('listItem');
    li.insert(0, [block('paragraph', text)]);
    return li;
  }));
  return list;
}

/** Opens a meeting, lets tanaka write into its document and the plan compartment, closes it. */
async function holdMeeting(server: TestServer, cookie: string, id: string, write: (meeting: Y.Doc, plan: Y.Doc) => void): Promise<void> {
  expect((await api(server.url, cookie, 'POST', `/api/meetings/${id}/state`, { state: 'open' })).status).toBe(200);
  // History: the meeting was held on its (past) date, so its record says it opened then, not today.
  const { db } = server.deps;
  const { scheduled_at } = await db.selectFrom('meetings').select('scheduled_at').where('id', '=', id).executeTakeFirstOrThrow();
  await db.updateTable('meetings').set({ opened_at: scheduled_at }).where('id', '=', id).execute();
  const meeting = yClient(server.url, `meeting/${id}`, cookie);
  const plan = yClient(server.url, haruBasic, cookie, `meeting:${id}`);
  await Promise.all([meeting.synced(), plan.synced()]);
  write(meeting.doc, plan.doc);
  // sato attended by phone: the facilitator marks him present (the minutes list attendees only).
  expect((await api(server.url, cookie, 'POST', `/api/meetings/${id}/attendance`, { userId: 'u-sato', present: true })).status).toBe(200);
  // Everything written, not just the first field: the server takes a connection's messages over several turns.
  await untilServerCaughtUp(server, `meeting/${id}`, meeting.doc);
  await untilServerCaughtUp(server, haruBasic, plan.doc);
  expect((await api(server.url, cookie, 'POST', `/api/meetings/${id}/state`, { state: 'closed' })).status).toBe(200);
  meeting.destroy();
  plan.destroy();
}

export async function holdHistory(server: TestServer): Promise<string> {
  const tanaka = await login(server.url, 'tanaka');
  // Both meetings in the past of fiscal year 2026 (令和8年度), whatever day the test runs.
  expect((await api(server.url, tanaka, 'PATCH', `/api/meetings/${FIRST}`, { scheduledAt: '2026-10-15T14:00:00+09:00' })).status).toBe(200);
  await holdMeeting(server, tanaka, FIRST, (m, p) => {
    board.minutes(m).insert(0, [
      block('heading', '本人・家族の状況', { level: 2 }),
      block('paragraph', 'ハルさんは自宅での生活を続けたいと強く希望している。長男の健二さんとの二人暮らしを続けたいとのこと。'),
      block('paragraph', MINUTES_LINE),
      block('heading', '各機関からの報告', { level: 2 }),
      bulletList(['地域包括支援センター: 要介護認定の申請を支援中。', 'ひだまりクリニック: 服薬管理に支援が必要。']),
    ]);
    board.decisions(m).set('d1', decision('d1', DECISION_TEXT, 'org-houkatsu', '2026-11-30'));
    board.decisions(m).set('d2', decision('d2', '社会福祉協議会が健二さんへの訪問を月2回行う', 'org-shakyo', null));
    ['本人の目標の確認', '各機関の役割分担', '次回モニタリング日の決定'].forEach((text, i) => board.agenda(m).set(`a${i}`, { id: `a${i}`, text, order: i, done: true }));
    for (const [k, v] of Object.entries(PLAN_V1)) board.plan(p).set(k, v);
    board.planItems(p).set('p1', ITEM_P1);
    board.planItems(p).set('p3', { id: 'p3', what: '電気・ガス料金の分納相談', who: 'まいさぽはなみずき', byWhen: '2026-11-15', category: 'finances', status: 'open' });
    board.roles(p).set('r1', ROLE_R1);
    board.roles(p).set('r3', { id: 'r3', orgId: 'org-shakyo', personInCharge: '田中', role: '全体の調整・健二さんへの訪問', personId: 'p-kenji', from: '2026-10-15', until: null, status: 'active' });
    // The ecomap around the household: agencies and a neighbour, tied to the persons.
    const nodes = [
      ['n1', 'agency', '中央地域包括支援センター', 'org-houkatsu', 'elderly', -430, -120],
      ['n2', 'agency', 'ひだまりクリニック', 'org-clinic', 'medical', 330, -120],
      ['n3', 'agency', 'はなみずき市社会福祉協議会', 'org-shakyo', 'coordination', -430, 220],
      ['n4', 'informal', '民生委員 (近所の見守り)', null, 'community', 330, 220],
    ] as const;
    for (const [id, kind, label, orgId, field, x, y] of nodes) board.ecoNodes(p).set(id, { id, kind, personId: null, orgId, label, field, x, y });
    const edges = [
      ['e1', 'n1', 'person:p-haru', 'strong', 'forward', '介護保険の申請支援'],
      ['e2', 'n2', 'person:p-haru', 'strong', 'forward', '服薬管理'],
      ['e3', 'n3', 'person:p-kenji', 'tenuous', 'forward', '訪問'],
      ['e4', 'n4', 'person:p-haru', 'tenuous', 'both', '見守り'],
    ] as const;
    for (const [id, from, to, strength, direction, label] of edges) board.ecoEdges(p).set(id, { id, from, to, strength, direction, label });
  });

  const res = await api(server.url, tanaka, 'POST', '/api/cases/case-yamada/meetings', {
    kindId: 'jusoteki',
    moment: 'plan_change',
    title: '第2回 重層的支援会議 (プラン変更)',
    scheduledAt: '2026-11-19T10:00:00+09:00',
    participants: ['u-sato', 'u-suzuki', 'u-ito'].map((userId) => ({ userId, role: 'member' })),
  });
  expect(res.status).toBe(201);
  const second = ((await res.json()) as { id: string }).id;
  await holdMeeting(server, tanaka, second, (m, p) => {
    board.minutes(m).insert(0, [block('paragraph', '前回からの変化: ハルさんは要介護1と認定された。健二さんが相談支援事業所の見学に前向きになった。')]);
    board.decisions(m).set('d3', decision('d3', SECOND_DECISION, 'org-shogai', '2026-12-20'));
    board.plan(p).set('goal', '長男と自宅で暮らし続け、週1回は外出したい');
    board.plan(p).set('stage', 'change');
    board.plan(p).set('monitoringDate', '2027-01-20');
    board.planItems(p).set('p1', { ...ITEM_P1, status: 'done' });
    board.planItems(p).set('p2', { id: 'p2', what: '健二さんの相談支援事業所への同行', who: '障害者相談支援センターあおば', byWhen: '2026-12-20', category: 'living', status: 'open' });
    board.roles(p).delete('r1');
    board.roles(p).set('r2', { id: 'r2', orgId: 'org-shogai', personInCharge: '鈴木', role: '健二さんの相談', personId: 'p-kenji', from: '2026-11-19', until: null, status: 'planned' });
  });
  return second;
}

