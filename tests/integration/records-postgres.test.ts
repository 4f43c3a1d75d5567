import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startPostgresTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { rawSocket } from '../helpers/ws.ts';
import { board } from '../../shared/board/schema.ts';
import { decodeState, docxParagraphs } from '../records/helpers.ts';
import { DECISION_TEXT, FIRST, MINUTES_LINE, haruTax, holdFirstMeeting } from '../records/scenario.ts';

/** The freeze and search path on PostgreSQL (pg_trgm instead of FTS5), against a real server. */
describe('records on PostgreSQL', () => {
  let server: TestServer;
  let tanaka: string;
  const search = async (cookie: string, q: string) => {
    const res = await api(server.url, cookie, 'GET', `/api/search?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { hits: { docName: string }[] }).hits;
  };

  beforeAll(async () => {
    server = await startPostgresTestServer();
    tanaka = await login(server.url, 'tanaka');
    await holdFirstMeeting(server);
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('uses pg_trgm: the extension and the trigram index exist', async () => {
    const index = await sql<{ indexdef: string }>`SELECT indexdef FROM pg_indexes WHERE indexname = 'record_text_fts_trgm'`.execute(server.deps.db);
    expect(index.rows[0]?.indexdef).toContain('gin_trgm_ops');
  });

  it('freezes on close, and the live board is shut afterwards', async () => {
    const compartments = await server.deps.db.selectFrom('compartments').select('doc_name').where('case_id', '=', 'case-yamada').execute();
    const rows = await server.deps.db.selectFrom('meeting_snapshots').select('doc_name').where('meeting_id', '=', FIRST).execute();
    expect(rows).toHaveLength(compartments.length + 1);
    const rec = await (await api(server.url, await login(server.url, 'sato'), 'GET', `/api/meetings/${FIRST}/record`)).json();
    expect(board.decisions(decodeState(rec.docs[0].state)).get('d1')?.text).toBe(DECISION_TEXT);
    expect(rec.docs.map((d: { docName: string }) => d.docName)).not.toContain(haruTax);

    expect(board.minutes(decodeState(rec.docs[0].state)).toString()).toContain(MINUTES_LINE);

    // Issue 8 rule 2: the live meeting document is shut once it closed: one refusal, no byte.
    const late = rawSocket(server.url, `meeting/${FIRST}`, { cookie: tanaka });
    expect(await late.closed).toEqual({ code: 4404, reason: 'unknown document' });
    expect(late.frames).toHaveLength(0);
  });

  it('searches Japanese (3+ and 2 characters) and never returns hidden compartments', async () => {
    expect((await search(tanaka, '介護保険サービス')).map((h) => h.docName)).toContain(`meeting/${FIRST}`);
    expect((await search(tanaka, '声かけ')).map((h) => h.docName)).toContain(`meeting/${FIRST}`);
    expect((await search(await login(server.url, 'takahashi'), '滞納')).length).toBe(1);
    expect(await search(await login(server.url, 'sato'), '滞納')).toEqual([]);
    // LIKE wildcards in the query are text, not patterns.
    expect(await search(tanaka, '%%')).toEqual([]);
    const indexed = await server.deps.db.selectFrom('record_text_fts').select('text').where('doc_name', '=', haruTax).execute();
    expect(indexed[0]?.text).toContain('非課税');
    for (const user of ['tanaka', 'sato', 'ito', 'takahashi']) expect(await search(await login(server.url, user), '非課税')).toEqual([]);
  });

  it('approval makes the record immutable in the database too; the DOCX exports', async () => {
    expect((await api(server.url, tanaka, 'POST', `/api/meetings/${FIRST}/approve`)).status).toBe(200);
    await expect(server.deps.db.deleteFrom('meeting_snapshots').where('meeting_id', '=', FIRST).execute()).rejects.toThrow(/immutable/);
    const docx = await api(server.url, tanaka, 'GET', `/api/meetings/${FIRST}/minutes.docx`);
    expect(docx.status).toBe(200);
    expect(docxParagraphs(Buffer.from(await docx.arrayBuffer())).map((p) => p.text)).toContain(DECISION_TEXT);
    // The keeper's copy and the basis at close are kept, and fixed, on PostgreSQL too (migration 011).
    const copies = await server.deps.db.selectFrom('record_keeper_copies').select('user_id').where('meeting_id', '=', FIRST).execute();
    expect(copies.map((c) => c.user_id)).toEqual(['u-tanaka']);
    await expect(server.deps.db.updateTable('record_keeper_copies').set({ model_json: '{}' }).where('meeting_id', '=', FIRST).execute()).rejects.toThrow(/immutable/);
    await expect(server.deps.db.deleteFrom('meeting_record_basis').where('meeting_id', '=', FIRST).execute()).rejects.toThrow(/immutable/);
    const model = await (await api(server.url, tanaka, 'GET', `/api/meetings/${FIRST}/minutes`)).json();
    expect(model.view.kind).toBe('keeper');
  });
});
