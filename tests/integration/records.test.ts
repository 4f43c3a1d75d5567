import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sql } from 'kysely';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { rawSocket, yClient } from '../helpers/ws.ts';
import { docOf } from '../helpers/scenario.ts';
import { board } from '../../shared/board/schema.ts';
import { notesOf } from '../../shared/board/items.ts';
import { SCENARIO_CONSENTS } from '../../server/seed/demo-scenarios.ts';
import { decodeState, roundTrip, untilServerHas, writeMinutes } from '../records/helpers.ts';
import { DECISION_TEXT, FIRST, MINUTES_LINE, PLAN_V1, haruBasic, haruHealthClinic, haruTax, holdFirstMeeting, holdLaterMeeting } from '../records/scenario.ts';

const haruLiving = docOf('p-haru', 'living', 'org-houkatsu');
const haruHealthHoukatsu = docOf('p-haru', 'health', 'org-houkatsu');
const kenjiLiving = docOf('p-kenji', 'living', 'org-shogai');

type Rec = { meeting: { state: string; approvedAt: string | null }; attendees: { userId: string }[]; docs: { docName: string; state: string }[]; annotations: { text: string }[] };

describe('meeting records: schedule, freeze on close, review, approval', () => {
  let server: TestServer;
  let tanaka: string;
  let sato: string;
  const record = async (cookie: string, meetingId = FIRST) => (await (await api(server.url, cookie, 'GET', `/api/meetings/${meetingId}/record`)).json()) as Rec;

  beforeAll(async () => {
    server = await startTestServer();
    tanaka = await login(server.url, 'tanaka');
    sato = await login(server.url, 'sato');
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('schedules meetings under the case’s legal basis, and refuses bad input clearly', async () => {
    const base = { kindId: 'jusoteki', moment: 'plan_creation', title: '重層的支援会議', scheduledAt: '2026-05-01T14:00:00+09:00', participants: [{ userId: 'u-watanabe', role: 'member' }] };
    const noConsent = await api(server.url, tanaka, 'POST', '/api/cases/case-sasaki/meetings', base);
    expect(noConsent.status).toBe(409);
    expect((await noConsent.json()).message).toContain('本人の同意');
    const http = await api(server.url, tanaka, 'POST', '/api/cases/case-sasaki/meetings', { ...base, kindId: 'shien', moment: null, videoUrl: 'http://meet.example.jp/x' });
    expect(http.status).toBe(400);
    expect((await http.json()).message).toContain('https://');
    // Sato is not in the Sasaki case: he may not know it exists, so he gets the unknown case's 404 (issue 8, rule 3).
    expect((await api(server.url, sato, 'POST', '/api/cases/case-sasaki/meetings', { ...base, kindId: 'shien' })).status).toBe(404);
    expect((await api(server.url, tanaka, 'POST', '/api/cases/case-nowhere/meetings', base)).status).toBe(404);
    const unknownKind = await api(server.url, tanaka, 'POST', '/api/cases/case-yamada/meetings', { ...base, kindId: 'nokind' });
    expect(unknownKind.status).toBe(400);
    expect((await unknownKind.json()).message).toContain('会議の種類');
    expect((await api(server.url, tanaka, 'POST', '/api/cases/case-yamada/meetings', { ...base, participants: [{ userId: 'u-ghost', role: 'member' }] })).status).toBe(404);
    expect((await api(server.url, tanaka, 'POST', '/api/cases/case-yamada/meetings', { ...base, scheduledAt: '来週' })).status).toBe(400);

    const ok = await api(server.url, tanaka, 'POST', '/api/cases/case-sasaki/meetings', { ...base, kindId: 'shien', moment: null, videoUrl: 'https://meet.example.jp/abc' });
    expect(ok.status).toBe(201);
    const meeting = await ok.json();
    expect(meeting).toMatchObject({ caseId: 'case-sasaki', kindId: 'shien', state: 'scheduled', scheduledAt: '2026-05-01T05:00:00.000Z', videoUrl: 'https://meet.example.jp/abc' });
    const moved = await api(server.url, tanaka, 'PATCH', `/api/meetings/${meeting.id}`, { scheduledAt: '2026-05-08T10:00:00+09:00', videoUrl: null });
    expect(await moved.json()).toMatchObject({ scheduledAt: '2026-05-08T01:00:00.000Z', videoUrl: null });
    expect((await api(server.url, tanaka, 'PATCH', `/api/meetings/${meeting.id}`, {})).status).toBe(400);
    const detail = await (await api(server.url, tanaka, 'GET', `/api/meetings/${meeting.id}`)).json();
    expect(detail.participants.map((p: { userId: string }) => p.userId).sort()).toEqual(['u-tanaka', 'u-watanabe']);
    const audit = await server.deps.db.selectFrom('audit_log').select('action').where('action', 'in', ['meeting.scheduled', 'meeting.updated']).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['meeting.scheduled', 'meeting.updated']);
  });

  it('closing freezes the meeting document and every compartment of the case in one go', async () => {
    await holdFirstMeeting(server);
    const compartments = await server.deps.db.selectFrom('compartments').select('doc_name').where('case_id', '=', 'case-yamada').execute();
    const rows = await server.deps.db.selectFrom('meeting_snapshots').selectAll().where('meeting_id', '=', FIRST).execute();
    expect(rows.map((r) => r.doc_name).sort()).toEqual([`meeting/${FIRST}`, ...compartments.map((c) => c.doc_name)].sort());
    const meetingDoc = new Y.Doc();
    Y.applyUpdate(meetingDoc, new Uint8Array(rows.find((r) => r.doc_name === `meeting/${FIRST}`)!.state));
    expect(board.decisions(meetingDoc).get('d1')?.text).toBe(DECISION_TEXT);
    expect(board.minutes(meetingDoc).toString()).toContain(MINUTES_LINE);
    const stored = await server.deps.db.selectFrom('meeting_records').selectAll().where('meeting_id', '=', FIRST).executeTakeFirstOrThrow();
    // Attendees are who attended (joined, or marked by the facilitator), not everyone designated.
    expect(JSON.parse(stored.attendees_json).map((a: { userId: string }) => a.userId).sort()).toEqual(['u-ito', 'u-sato', 'u-tanaka']);
    expect((await api(server.url, tanaka, 'POST', `/api/meetings/${FIRST}/state`, { state: 'closed' })).status).toBe(409);
  });

  it('a closed meeting admits nobody to its live documents (issue 8 rule 2): one refusal, no byte, the record unchanged', async () => {
    const before = await server.deps.db.selectFrom('meeting_snapshots').select(['doc_name', 'state']).where('meeting_id', '=', FIRST).execute();
    for (const [doc, cookie, ctx] of [
      [`meeting/${FIRST}`, tanaka, undefined],
      [`meeting/${FIRST}`, sato, undefined],
      [haruLiving, sato, `meeting:${FIRST}`],
      [haruLiving, tanaka, `meeting:${FIRST}`],
    ] as const) {
      const s = rawSocket(server.url, doc, { cookie, ctx });
      expect(await s.closed, doc).toEqual({ code: 4404, reason: 'unknown document' });
      expect(s.frames, doc).toHaveLength(0);
    }
    const after = await server.deps.db.selectFrom('meeting_snapshots').select(['doc_name', 'state']).where('meeting_id', '=', FIRST).execute();
    expect(after.map((r) => Buffer.from(r.state).toString('hex'))).toEqual(before.map((r) => Buffer.from(r.state).toString('hex')));
  });

  it('a record shows what the viewer may see today: a withdrawn compartment disappears from it', async () => {
    const before = await record(sato);
    const names = before.docs.map((d) => d.docName);
    expect(names[0]).toBe(`meeting/${FIRST}`);
    expect(names).toEqual(expect.arrayContaining([haruBasic, haruHealthClinic, haruHealthHoukatsu, haruLiving]));
    // Both were frozen with the meeting, so their absence is the filter at work, not a missing
    // snapshot; and no document sato receives carries their words.
    const frozen = (await server.deps.db.selectFrom('meeting_snapshots').select('doc_name').where('meeting_id', '=', FIRST).execute()).map((r) => r.doc_name);
    expect(frozen).toEqual(expect.arrayContaining([haruTax, kenjiLiving]));
    expect(names).not.toContain(haruTax);
    expect(names).not.toContain(kenjiLiving);
    const received = before.docs.map((d) => JSON.stringify(notesOf(decodeState(d.state)).toJSON())).join('\n');
    expect(received).toContain('要介護認定を申請中'); // what he may see is there, decoded the same way
    expect(received).not.toContain('住民税は非課税');
    expect(received).not.toContain('ひきこもりの状態');
    expect(notesOf(decodeState(before.docs.find((d) => d.docName === haruHealthClinic)!.state)).size).toBeGreaterThan(0);
    expect(before.attendees.length).toBeGreaterThan(0);

    // ハルさん withdraws health: her clinic's item leaves sato's view of the PAST meeting too.
    const haru = SCENARIO_CONSENTS.find((c) => c.personId === 'p-haru')!;
    const narrowed = { status: 'granted', method: 'written', validFrom: null, validUntil: null, scope: haru.scope.filter((e) => e.category !== 'health') };
    expect((await api(server.url, tanaka, 'POST', '/api/cases/case-yamada/persons/p-haru/consents', narrowed)).status).toBe(201);
    const after = (await record(sato)).docs.map((d) => d.docName);
    expect(after).not.toContain(haruHealthClinic);
    expect(after).toContain(haruHealthHoukatsu); // his own agency's item stays
    expect((await record(await login(server.url, 'ito'))).docs.map((d) => d.docName)).toContain(haruHealthClinic); // the supplier's too

    // The family member sees items about her mother shared with everyone, never health.
    const yuki = (await record(await login(server.url, 'yuki'))).docs.map((d) => d.docName);
    expect(yuki).toContain(haruBasic);
    expect(yuki).not.toContain(haruHealthHoukatsu);
    // Not a participant: no record at all.
    expect((await api(server.url, await login(server.url, 'admin'), 'GET', `/api/meetings/${FIRST}/record`)).status).toBe(404);
    expect((await api(server.url, await login(server.url, 'watanabe'), 'GET', `/api/meetings/${FIRST}/record`)).status).toBe(404);
  });

  it('timeline and compare show the plan’s evolution from the records', async () => {
    const second = await holdLaterMeeting(server, ({ doc }) => {
      board.plan(doc).set('goal', '長男と自宅で暮らし続け、週1回は外出したい');
      board.plan(doc).set('stage', 'change');
      board.planItems(doc).set('p1', { ...board.planItems(doc).get('p1')!, status: 'done' });
      board.planItems(doc).set('p2', { id: 'p2', what: '長男の相談支援事業所への同行', who: '障害者相談支援センター', byWhen: null, category: 'living', status: 'open' });
      board.roles(doc).delete('r1');
      board.roles(doc).set('r2', { id: 'r2', orgId: 'org-shogai', personInCharge: '鈴木', role: '長男の相談', personId: 'p-kenji', from: null, until: null, status: 'planned' });
    });
    const timeline = await (await api(server.url, tanaka, 'GET', '/api/cases/case-yamada/timeline')).json();
    const closed = timeline.filter((m: { state: string }) => m.state === 'closed');
    expect(closed.map((m: { id: string; planStage: string; decisionsCount: number }) => [m.id, m.planStage, m.decisionsCount])).toEqual([
      [FIRST, 'creation', 1],
      [second, 'change', 0],
    ]);
    expect(closed[0].attendees.map((a: { orgName: string }) => a.orgName)).toContain('中央地域包括支援センター');

    const cmp = await (await api(server.url, sato, 'GET', `/api/meetings/${FIRST}/compare/${second}`)).json();
    const plan = Object.fromEntries(cmp.plan.map((p: { field: string; change: string }) => [p.field, p.change]));
    expect(plan).toMatchObject({ goal: 'changed', stage: 'changed', policy: 'same', monitoringDate: 'same' });
    expect(cmp.plan.find((p: { field: string }) => p.field === 'goal').a).toBe(PLAN_V1.goal);
    const changes = (rows: { id: string; change: string }[]) => Object.fromEntries(rows.map((r) => [r.id, r.change]));
    expect(changes(cmp.planItems)).toEqual({ p1: 'changed', p2: 'added' });
    expect(changes(cmp.roles)).toEqual({ r1: 'removed', r2: 'added' });

    expect((await api(server.url, sato, 'GET', `/api/meetings/${FIRST}/compare/meeting-sasaki-1`)).status).toBe(404);
    expect((await api(server.url, tanaka, 'GET', `/api/meetings/${FIRST}/compare/meeting-sasaki-1`)).status).toBe(409);
    expect((await api(server.url, tanaka, 'GET', `/api/meetings/${FIRST}/compare/nope`)).status).toBe(404);
    expect((await api(server.url, tanaka, 'GET', '/api/cases/case-nowhere/timeline')).status).toBe(404);
    expect((await api(server.url, tanaka, 'GET', `/api/meetings/${encodeURIComponent('bad id!')}/record`)).status).toBe(400);
  });

  it('approval (確定) makes the record immutable; annotations are appended', async () => {
    const snapshots = async () => (await server.deps.db.selectFrom('meeting_snapshots').select(['doc_name', 'state']).where('meeting_id', '=', FIRST).orderBy('doc_name').execute()).map((r) => `${r.doc_name}:${Buffer.from(r.state).toString('hex')}`);
    const before = await snapshots();
    expect((await api(server.url, sato, 'POST', `/api/meetings/${FIRST}/approve`)).status).toBe(403);
    expect((await api(server.url, tanaka, 'POST', '/api/meetings/meeting-sasaki-1/approve')).status).toBe(409);
    expect((await api(server.url, tanaka, 'POST', '/api/meetings/nope/approve')).status).toBe(404);
    expect((await api(server.url, tanaka, 'POST', `/api/meetings/${FIRST}/approve`)).status).toBe(200);
    expect((await api(server.url, tanaka, 'POST', `/api/meetings/${FIRST}/approve`)).status).toBe(409);
    expect((await record(sato)).meeting.approvedAt).not.toBeNull();

    const first = await api(server.url, sato, 'POST', `/api/meetings/${FIRST}/annotations`, { text: '決定事項1の期限は6月末に延長 (6/10 電話で確認)' });
    expect(first.status).toBe(201);
    expect((await api(server.url, tanaka, 'POST', `/api/meetings/${FIRST}/annotations`, { text: '確認しました' })).status).toBe(201);
    expect((await record(sato)).annotations.map((a) => a.text)).toEqual(['決定事項1の期限は6月末に延長 (6/10 電話で確認)', '確認しました']);
    expect((await api(server.url, sato, 'POST', `/api/meetings/${FIRST}/annotations`, { text: '   ' })).status).toBe(400);
    expect((await api(server.url, await login(server.url, 'yuki'), 'POST', `/api/meetings/${FIRST}/annotations`, { text: '家族の注記' })).status).toBe(403);
    expect((await api(server.url, tanaka, 'POST', '/api/meetings/meeting-sasaki-1/annotations', { text: '開催前' })).status).toBe(409);
    expect(await snapshots()).toEqual(before);

    // Not even a direct write gets past the database: the record and its annotations are fixed.
    const db = server.deps.db;
    await expect(db.updateTable('meeting_snapshots').set({ state: Buffer.from([0, 0]) }).where('meeting_id', '=', FIRST).execute()).rejects.toThrow(/immutable/);
    await expect(db.deleteFrom('meeting_snapshots').where('meeting_id', '=', FIRST).execute()).rejects.toThrow(/immutable/);
    await expect(db.updateTable('meeting_annotations').set({ text: 'x' }).execute()).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM meeting_annotations`.execute(db)).rejects.toThrow(/append-only/);
    expect(await snapshots()).toEqual(before);
  });

  it('the last edit before the close lands in the record', async () => {
    const res = await api(server.url, tanaka, 'POST', '/api/cases/case-yamada/meetings', { kindId: 'jusoteki', moment: null, title: '臨時', scheduledAt: '2026-08-01T10:00:00+09:00', participants: [] });
    const { id } = await res.json();
    await api(server.url, tanaka, 'POST', `/api/meetings/${id}/state`, { state: 'open' });
    const client = yClient(server.url, `meeting/${id}`, tanaka);
    await client.synced();
    writeMinutes(client.doc, '閉会直前の一文');
    await untilServerHas(server, `meeting/${id}`, (d) => board.minutes(d).toString().includes('閉会直前'));
    expect((await api(server.url, tanaka, 'POST', `/api/meetings/${id}/state`, { state: 'closed' })).status).toBe(200);
    const rec = await record(tanaka, id);
    expect(board.minutes(decodeState(rec.docs[0]!.state)).toString()).toContain('閉会直前の一文');
    client.destroy();
  });
});
