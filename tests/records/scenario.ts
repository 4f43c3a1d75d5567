import { expect } from 'vitest';
import type { TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { yClient } from '../helpers/ws.ts';
import { docOf } from '../helpers/scenario.ts';
import { board } from '../../shared/board/schema.ts';
import { decision, untilServerCaughtUp, writeMinutes } from './helpers.ts';

export const FIRST = 'meeting-yamada-1';
export const haruBasic = docOf('p-haru', 'basic', 'org-shakyo');
export const haruHealthClinic = docOf('p-haru', 'health', 'org-clinic');
export const haruTax = docOf('p-haru', 'tax', 'org-city');
export const haruFinances = docOf('p-haru', 'finances', 'org-konkyu');

export const MINUTES_LINE = '長男の健二さんには服薬の声かけを依頼することで合意した。';
export const DECISION_TEXT = '地域包括支援センターが介護保険サービスの利用調整を行う';

/** The plan as the first meeting leaves it, and how a later meeting changes it. */
export const PLAN_V1 = { goal: '長男と自宅で暮らし続けたい', policy: '服薬と家計を見守り、長男の孤立を防ぐ', stage: 'creation', monitoringDate: '2026-07-01' };
// `who` as the board stores it: the agency's id (records show its name).
export const ITEM_P1 = { id: 'p1', what: '服薬カレンダーの導入', who: 'org-clinic', byWhen: '2026-05-31', category: 'health', status: 'open' as const };
export const ROLE_R1 = { id: 'r1', orgId: 'org-houkatsu', personInCharge: '佐藤', role: '介護保険の申請支援', personId: 'p-haru', from: '2026-04-10', until: null, status: 'active' as const };

/**
 * Holds the demo 重層的支援会議 (meeting-yamada-1): the facilitator writes minutes, a decision,
 * the agenda and the plan, then closes the meeting through the API.
 */
export async function holdFirstMeeting(
  server: TestServer,
  opts: { videoUrl?: string; beforeClose?: (tanaka: string, plan: ReturnType<typeof yClient>) => Promise<void> } = {},
): Promise<void> {
  const tanaka = await login(server.url, 'tanaka');
  expect((await api(server.url, tanaka, 'POST', `/api/meetings/${FIRST}/state`, { state: 'open' })).status).toBe(200);
  const minutes = yClient(server.url, `meeting/${FIRST}`, tanaka);
  const plan = yClient(server.url, haruBasic, tanaka, `meeting:${FIRST}`);
  // sato attends by joining the board; ito attends by phone and the facilitator marks him present.
  const satoJoins = yClient(server.url, `meeting/${FIRST}`, await login(server.url, 'sato'));
  await Promise.all([minutes.synced(), plan.synced(), satoJoins.synced()]);
  expect((await api(server.url, tanaka, 'POST', `/api/meetings/${FIRST}/attendance`, { userId: 'u-ito', present: true })).status).toBe(200);
  satoJoins.destroy();

  writeMinutes(minutes.doc, MINUTES_LINE);
  board.decisions(minutes.doc).set('d1', decision('d1', DECISION_TEXT, 'org-houkatsu', '2026-05-31'));
  board.agenda(minutes.doc).set('a1', { id: 'a1', text: '本人の目標の確認', order: 1, done: true });
  board.agenda(minutes.doc).set('a2', { id: 'a2', text: '各機関の役割分担', order: 2, done: true });
  if (opts.videoUrl) board.meta(minutes.doc).set('videoUrl', opts.videoUrl);
  for (const [k, v] of Object.entries(PLAN_V1)) board.plan(plan.doc).set(k, v);
  board.planItems(plan.doc).set('p1', ITEM_P1);
  board.roles(plan.doc).set('r1', ROLE_R1);

  // Everything written (agenda and meta after the decision), not just one marker.
  await untilServerCaughtUp(server, `meeting/${FIRST}`, minutes.doc);
  await untilServerCaughtUp(server, haruBasic, plan.doc);
  await opts.beforeClose?.(tanaka, plan);
  expect((await api(server.url, tanaka, 'POST', `/api/meetings/${FIRST}/state`, { state: 'closed' })).status).toBe(200);
  minutes.destroy();
  plan.destroy();
}

/** Schedules, opens, edits and closes a later meeting of the same case. */
export async function holdLaterMeeting(server: TestServer, edit: (plan: ReturnType<typeof yClient>) => void): Promise<string> {
  const tanaka = await login(server.url, 'tanaka');
  const res = await api(server.url, tanaka, 'POST', '/api/cases/case-yamada/meetings', {
    kindId: 'jusoteki',
    moment: 'plan_change',
    title: '第2回 重層的支援会議 (プラン変更)',
    // After the first meeting, which the demo seeds a week ahead of today.
    scheduledAt: new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString(),
    participants: [
      { userId: 'u-sato', role: 'member' },
      { userId: 'u-ito', role: 'member' },
    ],
  });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  expect((await api(server.url, tanaka, 'POST', `/api/meetings/${id}/state`, { state: 'open' })).status).toBe(200);
  const plan = yClient(server.url, haruBasic, tanaka, `meeting:${id}`);
  await plan.synced();
  edit(plan);
  // `edit` ends with an insertion (see untilServerCaughtUp), so every step of it has arrived.
  await untilServerCaughtUp(server, haruBasic, plan.doc);
  expect((await api(server.url, tanaka, 'POST', `/api/meetings/${id}/state`, { state: 'closed' })).status).toBe(200);
  plan.destroy();
  return id;
}
