import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import type { Db } from '../../server/store/db.ts';
import { SCENARIO_CONSENTS } from '../../server/seed/demo-scenarios.ts';
import { docxParagraphs } from '../records/helpers.ts';
import { DECISION_TEXT, FIRST, MINUTES_LINE, haruBasic, haruTax, holdFirstMeeting } from '../records/scenario.ts';

type Hit = { meetingId: string; docName: string; snippet: string; source: { kind: string; personName: string | null; category: string | null } };

describe('records: search, DOCX minutes, indicators', () => {
  let server: TestServer;
  let tanaka: string;
  const search = async (cookie: string, q: string, extra = '') => {
    const res = await api(server.url, cookie, 'GET', `/api/search?q=${encodeURIComponent(q)}${extra}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { hits: Hit[] }).hits;
  };
  const narrowHaru = async (without: string[]) => {
    const haru = SCENARIO_CONSENTS.find((c) => c.personId === 'p-haru')!;
    const body = { status: 'granted', method: 'written', validFrom: null, validUntil: null, scope: haru.scope.filter((e) => !without.includes(e.category)) };
    expect((await api(server.url, tanaka, 'POST', '/api/cases/case-yamada/persons/p-haru/consents', body)).status).toBe(201);
  };

  beforeAll(async () => {
    server = await startTestServer();
    tanaka = await login(server.url, 'tanaka');
    await holdFirstMeeting(server, { videoUrl: 'https://meet.example.jp/yamada' });
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('finds Japanese text in minutes and records, with a snippet', async () => {
    const hits = await search(tanaka, '介護保険サービス');
    expect(hits.map((h) => [h.meetingId, h.source.kind])).toContainEqual([FIRST, 'meeting']);
    expect(hits.find((h) => h.source.kind === 'meeting')!.snippet).toContain('介護保険サービスの利用調整');
    expect((await search(tanaka, '声かけ')).map((h) => h.docName)).toContain(`meeting/${FIRST}`); // 2 characters: no trigram
    expect(await search(tanaka, '介護保険サービス', '&caseId=case-sasaki')).toEqual([]);
  });

  it('finds a plan item by the name of the agency it is for, never showing the id the board stores', async () => {
    const hits = await search(tanaka, 'ひだまりクリニック');
    const item = hits.find((h) => h.docName === haruBasic);
    expect(item?.snippet).toContain('服薬カレンダーの導入 ひだまりクリニック');
    expect(hits.map((h) => h.snippet).join('\n')).not.toContain('org-');
    expect(await search(tanaka, 'org-clinic')).toEqual([]);
  });

  it('never returns what the viewer may not see: not the text, not the hit, not a count', async () => {
    // The term is in the index (the tax compartment was frozen with the meeting)...
    const indexed = await server.deps.db.selectFrom('record_text_fts').select('doc_name').where('doc_name', '=', haruTax).execute();
    expect(indexed).toHaveLength(1);
    // ...but only the city's tax division could see it, and it was in no meeting: nobody finds it.
    for (const user of ['tanaka', 'sato', 'ito', 'takahashi', 'suzuki', 'yuki', 'admin']) {
      const cookie = await login(server.url, user);
      expect(await search(cookie, '非課税')).toEqual([]);
      expect(await search(cookie, '住民税は非課税')).toEqual([]);
    }
    const res = await api(server.url, tanaka, 'GET', '/api/search?q=%E9%9D%9E%E8%AA%B2%E7%A8%8E');
    expect(Object.keys(await res.json()).sort()).toEqual(['hits', 'q']);

    const sato = await login(server.url, 'sato');
    const suzuki = await login(server.url, 'suzuki');
    const takahashi = await login(server.url, 'takahashi');
    // The clinic's health item: sato (in scope) finds it, suzuki (out of scope) does not.
    const satoHits = await search(sato, '服薬管理');
    expect(satoHits).toHaveLength(1);
    expect(satoHits[0]!.source).toEqual({ kind: 'compartment', personName: '山田 ハル', category: 'health' });
    expect(await search(suzuki, '服薬管理')).toEqual([]);
    // Two characters, finances: the supplier finds it, sato does not.
    expect((await search(takahashi, '滞納')).length).toBe(1);
    expect(await search(sato, '滞納')).toEqual([]);
    // Consent withdrawn today: the past record stops matching for sato at once.
    await narrowHaru(['health']);
    expect(await search(sato, '服薬管理')).toEqual([]);
    expect((await search(await login(server.url, 'ito'), '服薬管理')).length).toBe(1);
  });

  it('refuses bad queries with a clear message', async () => {
    const short = await api(server.url, tanaka, 'GET', '/api/search?q=a');
    expect(short.status).toBe(400);
    expect((await short.json()).message).toContain('2文字以上');
    const long = await api(server.url, tanaka, 'GET', `/api/search?q=${'あ'.repeat(101)}`);
    expect(long.status).toBe(400);
    expect((await long.json()).message).toContain('100文字以内');
    expect((await api(server.url, tanaka, 'GET', '/api/search')).status).toBe(400);
    expect((await api(server.url, null, 'GET', '/api/search?q=服薬')).status).toBe(401);
  });

  it('exports the minutes as a DOCX that parses back, with only what the requester may see', async () => {
    const sato = await login(server.url, 'sato');
    const res = await api(server.url, sato, 'GET', `/api/meetings/${FIRST}/minutes.docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('会議録_')}`);
    const paragraphs = docxParagraphs(Buffer.from(await res.arrayBuffer()));
    const text = paragraphs.map((p) => p.text).join('\n');
    expect(paragraphs.find((p) => p.style === 'Title')?.text).toBe('会議録');
    expect(paragraphs.filter((p) => p.style === 'Heading2').map((p) => p.text)).toEqual(['出席者', '欠席者', '記録者', '議題', '協議内容', '支援プラン', '役割分担', '決定事項', 'エコマップ', '共有された情報']);
    for (const expected of [
      '重層的支援会議（プラン策定時）',
      'ビデオ会議: https://meet.example.jp/yamada',
      '佐藤 健一',
      '1. 本人の目標の確認（済）',
      MINUTES_LINE,
      DECISION_TEXT,
      '中央地域包括支援センター', // the decision's owner, by name
      '令和8年5月31日(日)', // its due date in 和暦
      '令和8年7月1日(水)', // next monitoring
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/開催日時\n令和\d+年\d+月\d+日\(.\) \d{2}:\d{2}/);

    // Basic information withdrawn: the plan (and its monitoring date) leaves sato's export,
    // while the coordinator's agency, which entered it, still has it.
    await narrowHaru(['health', 'basic']);
    const after = docxParagraphs(Buffer.from(await (await api(server.url, sato, 'GET', `/api/meetings/${FIRST}/minutes.docx`)).arrayBuffer()));
    expect(after.map((p) => p.text).join('\n')).not.toContain('令和8年7月1日');
    const own = docxParagraphs(Buffer.from(await (await api(server.url, tanaka, 'GET', `/api/meetings/${FIRST}/minutes.docx`)).arrayBuffer()));
    expect(own.map((p) => p.text).join('\n')).toContain('令和8年7月1日');

    expect((await api(server.url, tanaka, 'GET', '/api/meetings/meeting-sasaki-1/minutes.docx')).status).toBe(409);
    expect((await api(server.url, tanaka, 'GET', '/api/meetings/nope/minutes.docx')).status).toBe(404);
    expect((await api(server.url, await login(server.url, 'admin'), 'GET', `/api/meetings/${FIRST}/minutes.docx`)).status).toBe(404);
  });

  it('counts the indicators of a fiscal year (April to March, Japan time), as JSON and as CSV with a BOM', async () => {
    await seedFiscalYear2024(server.deps.db);
    const res = await api(server.url, tanaka, 'GET', '/api/indicators?fy=2024');
    expect(res.status).toBe(200);
    const ind = await res.json();
    expect(ind.label).toBe('令和6年度');
    expect(ind.newJusotekiCases).toBe(2);
    const byKind = Object.fromEntries(ind.meetingsByKind.map((k: { kindId: string; count: number }) => [k.kindId, k.count]));
    expect(byKind).toMatchObject({ jusoteki: 4, shien: 1, chiiki_care: 0 });
    expect(ind.plansByStage.map((p: { label: string; count: number }) => [p.label, p.count])).toEqual([['策定', 2], ['変更', 1], ['終結', 1], ['中断', 0]]);
    expect(ind.consents).toEqual({ granted: 2, withdrawn: 1, refused: 1 });

    const csv = await api(server.url, await login(server.url, 'admin'), 'GET', '/api/indicators?fy=2024&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="indicators-fy2024.csv"; filename\*=UTF-8''/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('指標,区分,件数');
    expect(lines).toContain('重層的支援会議で扱った新規ケース数,,2');
    expect(lines).toContain('会議の種類別開催数,重層的支援会議,4');
    expect(lines).toContain('同意の記録,撤回,1');
    expect(lines[1]).toContain('令和6年度');

    expect((await api(server.url, await login(server.url, 'sato'), 'GET', '/api/indicators?fy=2024')).status).toBe(403);
    for (const bad of ['fy=abc', 'fy=1999', 'fy=20245', '', 'fy=2024&format=xlsx']) {
      const r = await api(server.url, tanaka, 'GET', `/api/indicators?${bad}`);
      expect(r.status).toBe(400);
      expect((await r.json()).message).toMatch(/年度|format/);
    }
  });
});

/**
 * FY2024 = 2024-04-01 00:00 JST .. 2025-03-31 24:00 JST. The edges are placed minutes either side
 * of midnight Japan time, where a UTC bound would put them in the wrong year.
 */
async function seedFiscalYear2024(db: Db): Promise<void> {
  const meetings: [string, string, string | null, string, string][] = [
    // case, kind, moment, when (JST), state
    ['fy-c1', 'jusoteki', 'plan_creation', '2024-04-01T00:30:00+09:00', 'closed'], // first: new in FY2024
    ['fy-c1', 'jusoteki', 'plan_change', '2024-10-01T14:00:00+09:00', 'closed'],
    ['fy-c2', 'jusoteki', 'plan_creation', '2024-03-31T23:30:00+09:00', 'closed'], // first in FY2023
    ['fy-c2', 'jusoteki', 'ending', '2024-06-01T14:00:00+09:00', 'closed'],
    ['fy-c3', 'shien', null, '2024-05-01T14:00:00+09:00', 'closed'],
    ['fy-c3', 'jusoteki', 'plan_creation', '2025-03-31T23:00:00+09:00', 'open'], // new, on the last evening
    ['fy-c4', 'jusoteki', 'plan_creation', '2024-08-01T14:00:00+09:00', 'scheduled'], // not held
  ];
  const now = new Date().toISOString();
  for (const caseId of ['fy-c1', 'fy-c2', 'fy-c3', 'fy-c4']) {
    await db.insertInto('cases').values({ id: caseId, title: caseId, coordinator_user_id: 'u-tanaka', legal_basis: 'consent', created_at: now }).execute();
    await db.insertInto('persons').values({ id: `${caseId}-p`, case_id: caseId, name: '本人', relation: '本人', sex: 'female', age: 70, is_subject: 1, deceased: 0 }).execute();
  }
  let n = 0;
  for (const [caseId, kind, moment, when, state] of meetings) {
    await db
      .insertInto('meetings')
      .values({ id: `fy-m${++n}`, case_id: caseId, kind_id: kind, moment, title: `会議${n}`, scheduled_at: new Date(when).toISOString(), state, video_url: null, created_by: 'u-tanaka' })
      .execute();
  }
  const consents: [string, string][] = [
    ['granted', '2024-04-01T00:10:00+09:00'],
    ['granted', '2025-03-31T23:50:00+09:00'],
    ['withdrawn', '2024-09-01T10:00:00+09:00'],
    ['refused', '2024-12-01T10:00:00+09:00'],
    ['granted', '2025-04-01T00:00:00+09:00'], // FY2025
    ['withdrawn', '2024-03-31T23:59:00+09:00'], // FY2023
  ];
  for (const [status, at] of consents) {
    await db
      .insertInto('consent_records')
      .values({ case_id: 'fy-c1', person_id: 'fy-c1-p', status, method: 'written', valid_from: null, valid_until: null, scope_json: '[]', note: null, document_ref: null, recorded_by: 'u-tanaka', recorded_at: new Date(at).toISOString() })
      .execute();
  }
}
