import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startPostgresTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { rawSocket, waitUntil, yClient } from '../helpers/ws.ts';
import { framesContain } from '../helpers/scenario.ts';
import { board } from '../../shared/board/schema.ts';
import { decodeState, docxParagraphs, writeMinutes } from '../records/helpers.ts';
import { DECISION_TEXT, FIRST, MINUTES_LINE, haruTax, holdFirstMeeting } from '../records/scenario.ts';

/** A y-websocket sync frame (message type 0) with the given body. */
function syncFrame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

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

  it('freezes on close, and the board is read-only afterwards', async () => {
    const compartments = await server.deps.db.selectFrom('compartments').select('doc_name').where('case_id', '=', 'case-yamada').execute();
    const rows = await server.deps.db.selectFrom('meeting_snapshots').select('doc_name').where('meeting_id', '=', FIRST).execute();
    expect(rows).toHaveLength(compartments.length + 1);
    const rec = await (await api(server.url, await login(server.url, 'sato'), 'GET', `/api/meetings/${FIRST}/record`)).json();
    expect(board.decisions(decodeState(rec.docs[0].state)).get('d1')?.text).toBe(DECISION_TEXT);
    expect(rec.docs.map((d: { docName: string }) => d.docName)).not.toContain(haruTax);

    // The facilitator tries to write into the closed meeting over a bare socket, then asks for
    // the whole document (sync step 1 with an empty state vector). Frames of one connection are
    // handled in order, so the answer (step 2) comes after the write was dealt with.
    const late = rawSocket(server.url, `meeting/${FIRST}`, { cookie: tanaka });
    expect(await late.opened).toBe(true);
    const attempt = new Y.Doc();
    writeMinutes(attempt, '終了後の追記');
    late.ws.send(syncFrame((e) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(attempt))));
    late.ws.send(syncFrame((e) => syncProtocol.writeSyncStep1(e, new Y.Doc())));
    await waitUntil(() => late.frames.some((f) => f[0] === 0 && f[1] === syncProtocol.messageYjsSyncStep2), 5000, 'the answer to step 1');
    expect(framesContain(late.frames, MINUTES_LINE)).toBe(true);
    expect(framesContain(late.frames, '終了後の追記')).toBe(false);
    late.ws.close();
    const reader = yClient(server.url, `meeting/${FIRST}`, tanaka);
    await reader.synced();
    expect(board.minutes(reader.doc).toString()).toContain(MINUTES_LINE);
    expect(board.minutes(reader.doc).toString()).not.toContain('終了後の追記');
    reader.destroy();
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
  });
});
