import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { wareki } from '../../shared/domain/fiscal-year.ts';
import { board } from '../../shared/board/schema.ts';
import { SCENARIO_CONSENTS } from '../../server/seed/demo-scenarios.ts';
import type { MinutesModel } from '../../shared/api/records.ts';
import { unzip } from '../records/helpers.ts';
import { DECISION_TEXT, FIRST, MINUTES_LINE, PLAN_V1, holdFirstMeeting, haruBasic, haruHealthClinic } from '../records/scenario.ts';
import { leakedCodes, modelText } from '../records/leaks.ts';
import { untilServerHas } from '../records/helpers.ts';

const CLINIC_NOTE = 'アルツハイマー型認知症 (初期) と診断。服薬管理に支援が必要。';

/**
 * Issue 11: the minutes are one model served to the print layout and rendered into the DOCX;
 * an approved record reads the same for its keeper after a consent withdrawal, and filtered for
 * everybody else, saying so and naming who keeps the full record.
 */
describe('records fit to file: one minutes model, keepers and filtered readers', () => {
  let server: TestServer;
  let tanaka: string;
  let sato: string;
  const model = async (cookie: string) => {
    const res = await api(server.url, cookie, 'GET', `/api/meetings/${FIRST}/minutes`);
    expect(res.status).toBe(200);
    return (await res.json()) as MinutesModel;
  };
  // Everything but the per-export footer: what the record itself says.
  const content = ({ output: _output, ...rest }: MinutesModel) => rest;

  beforeAll(async () => {
    server = await startTestServer();
    tanaka = await login(server.url, 'tanaka');
    sato = await login(server.url, 'sato');
    const admin = await login(server.url, 'admin');
    expect((await api(server.url, tanaka, 'PUT', '/api/records/settings', { heading: 'x', formNumber: 'y' })).status).toBe(403);
    const settings = await api(server.url, admin, 'PUT', '/api/records/settings', { heading: 'かさね市 重層的支援体制整備事業', formNumber: '様式第3号' });
    expect(settings.status).toBe(200);
    await holdFirstMeeting(server, {
      beforeClose: async (cookie, plan) => {
        // Only the facilitator sets how and where the meeting was held and who keeps the minutes.
        expect((await api(server.url, sato, 'PUT', `/api/meetings/${FIRST}/record-details`, { method: 'hybrid', place: 'x', recorderUserId: 'u-sato' })).status).toBe(403);
        const bad = await api(server.url, cookie, 'PUT', `/api/meetings/${FIRST}/record-details`, { method: 'zoom', place: null, recorderUserId: null });
        expect(bad.status).toBe(400);
        expect((await bad.json()).message).toContain('開催方法');
        expect((await api(server.url, cookie, 'PUT', `/api/meetings/${FIRST}/record-details`, { method: 'hybrid', place: null, recorderUserId: 'u-admin' })).status).toBe(404);
        const ok = await api(server.url, cookie, 'PUT', `/api/meetings/${FIRST}/record-details`, { method: 'hybrid', place: '市役所 第2会議室', recorderUserId: 'u-sato' });
        expect(await ok.json()).toEqual({ method: 'hybrid', place: '市役所 第2会議室', recorderUserId: 'u-sato' });
        // The ecomap: ハルさん, 長男 and the 包括, a strong line with an arrow and a stressful one.
        const nodes = board.ecoNodes(plan.doc);
        nodes.set('n3', { id: 'n3', kind: 'agency', personId: null, orgId: 'org-houkatsu', label: '中央地域包括支援センター', field: 'elderly', x: 0, y: -260 });
        board.ecoEdges(plan.doc).set('e1', { id: 'e1', from: 'n3', to: 'person:p-haru', strength: 'strong', direction: 'forward', label: '訪問' });
        board.ecoEdges(plan.doc).set('e2', { id: 'e2', from: 'person:p-haru', to: 'person:p-kenji', strength: 'stressful', direction: 'none', label: '' });
        await untilServerHas(server, haruBasic, (d) => board.ecoEdges(d).has('e2'));
      },
    });
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('the model carries every section, worded for a person, with no internal code', async () => {
    const m = await model(tanaka);
    expect(m.heading).toBe('かさね市 重層的支援体制整備事業');
    expect(m.formNumber).toBe('様式第3号');
    const facts = Object.fromEntries(m.facts.map((f) => [f.label, f.value]));
    expect(facts['会議の種類']).toBe('重層的支援会議（プラン策定時）');
    expect(facts['根拠']).toContain('社会福祉法第106条の4');
    expect(facts['開催日時']).toMatch(/^令和\d+年\d+月\d+日\(.\) \d\d:\d\d/);
    // Held when it was opened, not when it was planned (the demo plans it for a later day).
    const held = await server.deps.db.selectFrom('meetings').select(['scheduled_at', 'opened_at']).where('id', '=', FIRST).executeTakeFirstOrThrow();
    expect(held.opened_at).not.toBeNull();
    expect(facts['開催日時']).toBe(wareki(held.opened_at!, { time: true }));
    expect(facts['開催日時']).not.toBe(wareki(held.scheduled_at, { time: true }));
    expect(facts['開催方法']).toBe('併用（対面・オンライン）');
    expect(facts['開催場所']).toBe('市役所 第2会議室');
    expect(m.recorder).toBe('佐藤 健一（中央地域包括支援センター）');
    expect(m.confidentiality).toBeNull();
    expect(m.attendees.map((a) => a.name).sort()).toEqual(['伊藤 恵子', '佐藤 健一', '田中 美咲'].sort());
    expect(m.absentees.map((a) => a.name)).toEqual(expect.arrayContaining(['鈴木 由美', '高橋 誠']));
    expect(m.absentees.every((a) => a.organisation !== '' && !a.organisation.startsWith('org-'))).toBe(true);
    expect(m.agenda).toEqual([
      { text: '本人の目標の確認', state: '済' },
      { text: '各機関の役割分担', state: '済' },
    ]);
    expect(m.minutes).toContain(MINUTES_LINE);
    expect(m.plan).toMatchObject({ goal: PLAN_V1.goal, policy: PLAN_V1.policy, stage: '策定' });
    expect(m.plan.nextMonitoring).toMatch(/^令和\d+年7月1日/);
    expect(m.plan.items[0]).toMatchObject({ what: '服薬カレンダーの導入', who: 'ひだまりクリニック', status: '実施中' });
    expect(m.roles[0]).toMatchObject({ organisation: '中央地域包括支援センター', concerning: '山田 ハル', status: '実施中' });
    expect(m.decisions[0]).toMatchObject({ text: DECISION_TEXT, owner: '中央地域包括支援センター', confirmation: expect.stringMatching(/確定/) });
    // The household comes from the case (persons are derived on the board, never stored), then the resources.
    expect(m.ecomap!.legend.map((l) => l.name)).toEqual(expect.arrayContaining(['山田 ハル', '山田 健二', '中央地域包括支援センター']));
    expect(m.ecomap!.legend.find((l) => l.name === '山田 ハル')!.kind).toBe('本人');
    expect(m.ecomap!.relations.map((r) => r.to)).toEqual(expect.arrayContaining([expect.stringMatching(/山田 ハル$/), expect.stringMatching(/山田 健二$/)]));
    expect(m.ecomap!.relations.map((r) => r.kind)).toEqual(expect.arrayContaining(['強い関係（実線） →', 'ストレス・葛藤のある関係（斜線） —']));
    expect(Buffer.from(m.ecomap!.png, 'base64').subarray(1, 4).toString()).toBe('PNG');
    expect(m.shared.find((g) => g.heading === '山田 ハル・医療・健康※')!.items.map((i) => i.text)).toContain(CLINIC_NOTE);
    expect(m.output.by).toBe('田中 美咲');
    expect(m.output.at).toMatch(/^令和/);
    expect(leakedCodes(modelText(m))).toEqual([]);
  });

  it('an approved record reads the same for its keeper after a withdrawal, and filtered for another participant', async () => {
    expect((await api(server.url, tanaka, 'POST', `/api/meetings/${FIRST}/approve`)).status).toBe(200);
    const keeperBefore = await model(tanaka);
    const recordBefore = (await (await api(server.url, tanaka, 'GET', `/api/meetings/${FIRST}/record`)).json()) as { docs: { docName: string }[] };
    expect(keeperBefore.view.kind).toBe('keeper');
    expect(keeperBefore.basisAtClose.map((r) => r.label)).toContain('山田 ハルの同意（閉会時）');
    const satoBefore = await model(sato);
    expect(satoBefore.view.kind).toBe('filtered');
    expect(satoBefore.view.note).toContain('田中 美咲');
    expect(satoBefore.basisAtClose).toEqual([]); // others' consent scope is not theirs to read
    expect(JSON.stringify(satoBefore)).toContain(CLINIC_NOTE);

    // ハルさん withdraws health today.
    const haru = SCENARIO_CONSENTS.find((c) => c.personId === 'p-haru')!;
    const narrowed = { status: 'granted', method: 'written', validFrom: null, validUntil: null, scope: haru.scope.filter((e) => e.category !== 'health') };
    expect((await api(server.url, tanaka, 'POST', '/api/cases/case-yamada/persons/p-haru/consents', narrowed)).status).toBe(201);

    // The keeper's record is unchanged, word for word, and so are the documents it shows.
    const keeperAfter = await model(tanaka);
    expect(content(keeperAfter)).toEqual(content(keeperBefore));
    expect(JSON.stringify(keeperAfter)).toContain(CLINIC_NOTE);
    const recordAfter = (await (await api(server.url, tanaka, 'GET', `/api/meetings/${FIRST}/record`)).json()) as { docs: { docName: string }[] };
    expect(recordAfter.docs.map((d) => d.docName)).toEqual(recordBefore.docs.map((d) => d.docName));
    expect(recordAfter.docs.map((d) => d.docName)).toContain(haruHealthClinic);

    // sato reads it filtered by his access today: the clinic's item is gone, in the JSON, the
    // record and the DOCX bytes alike; his own agency's health item stays.
    const satoAfter = await model(sato);
    expect(satoAfter.view.kind).toBe('filtered');
    expect(JSON.stringify(satoAfter)).not.toContain(CLINIC_NOTE);
    expect(JSON.stringify(satoAfter)).toContain('要介護認定を申請中');
    const satoRecord = await (await api(server.url, sato, 'GET', `/api/meetings/${FIRST}/record`)).text();
    expect(satoRecord).not.toContain(haruHealthClinic);
    const docx = Buffer.from(await (await api(server.url, sato, 'GET', `/api/meetings/${FIRST}/minutes.docx`)).arrayBuffer());
    const files = unzip(docx);
    const xml = [...files.entries()].filter(([n]) => n.endsWith('.xml')).map(([, b]) => b.toString('utf8')).join('\n');
    expect(xml).not.toContain('アルツハイマー');
    expect(xml).toContain('この会議録は、閲覧者の現在の閲覧範囲');
    expect(xml).toContain('出力者: 佐藤 健一');
    expect(xml).toContain('様式第3号');
    expect([...files.keys()].some((n) => n.startsWith('word/media/') && n.endsWith('.png'))).toBe(true);

    // The keeper's copy cannot be rewritten, not even by a direct write.
    await expect(server.deps.db.updateTable('record_keeper_copies').set({ model_json: '{}' }).where('meeting_id', '=', FIRST).execute()).rejects.toThrow(/immutable/);
    await expect(server.deps.db.deleteFrom('meeting_record_basis').where('meeting_id', '=', FIRST).execute()).rejects.toThrow(/immutable/);
  });

  it('every reading and export is audited with the format and the reader', async () => {
    const rows = await server.deps.db.selectFrom('audit_log').select(['action', 'actor_user_id', 'detail_json']).where('action', '=', 'record.exported').execute();
    const formats = rows.map((r) => `${r.actor_user_id}:${JSON.parse(r.detail_json).format}:${JSON.parse(r.detail_json).view}`);
    expect(formats).toEqual(expect.arrayContaining(['u-tanaka:print:keeper', 'u-sato:print:filtered', 'u-sato:docx:filtered']));
  });

  it('the meeting details are fixed once the meeting closed, and strangers learn nothing', async () => {
    const late = await api(server.url, tanaka, 'PUT', `/api/meetings/${FIRST}/record-details`, { method: 'online', place: null, recorderUserId: null });
    expect(late.status).toBe(409);
    expect((await api(server.url, await login(server.url, 'watanabe'), 'GET', `/api/meetings/${FIRST}/minutes`)).status).toBe(404);
    expect((await api(server.url, await login(server.url, 'watanabe'), 'GET', `/api/meetings/${FIRST}/record-details`)).status).toBe(404);
    expect((await api(server.url, null, 'GET', `/api/meetings/${FIRST}/minutes`)).status).toBe(401);
  });

  it('a 支援会議 carries its legal basis and the Art. 106-6 confidentiality note, in the model and the DOCX', async () => {
    const res = await api(server.url, tanaka, 'POST', '/api/cases/case-yamada/meetings', {
      kindId: 'shien',
      moment: null,
      title: '支援会議 (緊急の情報共有)',
      scheduledAt: '2026-09-01T10:00:00+09:00',
      participants: [{ userId: 'u-sato', role: 'member' }],
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect((await api(server.url, tanaka, 'POST', `/api/meetings/${id}/state`, { state: 'open' })).status).toBe(200);
    expect((await api(server.url, tanaka, 'PUT', `/api/meetings/${id}/record-details`, { method: 'online', place: null, recorderUserId: 'u-tanaka' })).status).toBe(200);
    expect((await api(server.url, tanaka, 'POST', `/api/meetings/${id}/state`, { state: 'closed' })).status).toBe(200);
    const m = (await (await api(server.url, tanaka, 'GET', `/api/meetings/${id}/minutes`)).json()) as MinutesModel;
    expect(m.facts.find((f) => f.label === '根拠')!.value).toContain('社会福祉法第106条の6');
    expect(m.confidentiality).toContain('守秘義務');
    expect(m.facts.find((f) => f.label === '開催方法')!.value).toBe('オンライン');
    expect(leakedCodes(modelText(m))).toEqual([]);
    const docx = Buffer.from(await (await api(server.url, tanaka, 'GET', `/api/meetings/${id}/minutes.docx`)).arrayBuffer());
    expect(unzip(docx).get('word/document.xml')!.toString('utf8')).toContain('社会福祉法第106条の6に基づく支援会議です');
    // A designated member reads it filtered (here under ハルさん's consent), told who keeps it all;
    // somebody who was not designated learns nothing (非公開).
    const satos = (await (await api(server.url, sato, 'GET', `/api/meetings/${id}/minutes`)).json()) as MinutesModel;
    expect(satos.view).toMatchObject({ kind: 'filtered', note: expect.stringContaining('田中 美咲') });
    expect((await api(server.url, await login(server.url, 'ito'), 'GET', `/api/meetings/${id}/minutes`)).status).toBe(404);
  });
});
