/**
 * Confirming decisions (決定事項の確定), from the attacker's side. The decisions live in the
 * meeting's Yjs document, which every member may write; confirmation is the server's record, so
 * a member can neither confirm through the API nor by writing `confirmed: true` into the
 * document, and an edit after confirmation shows as such. Real servers (SQLite and PostgreSQL), real sockets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgresTestServer, startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { waitUntil, yClient } from '../helpers/ws.ts';
import { board, type Decision } from '../../shared/board/schema.ts';
import { confirmationOf, decisionContentHash, type DecisionConfirmationList } from '../../shared/api/decisions.ts';

const MEETING = 'meeting-yamada-1';
const DOC = `meeting/${MEETING}`;
const VISIT = '包括が週1回の見守り訪問を行う';
const FINANCES = '家計の状況を自立相談支援機関が確認する';

const decision = (id: string, text: string, ownerOrgId: string | null, dueDate: string | null): Decision => ({
  id,
  text,
  ownerOrgId,
  dueDate,
  planItemId: null,
  confirmed: false,
  confirmedBy: null,
  createdBy: 'u-tanaka',
  createdAt: new Date().toISOString(),
});

// Both stores: the confirmations table and its idempotent insert must behave the same.
describe.each([
  ['SQLite', () => startTestServer()],
  ['PostgreSQL', () => startPostgresTestServer()],
])('decisions are confirmed by the server, only by the facilitator (%s)', (_store, start) => {
  let server: TestServer;
  let tanaka: string;
  let sato: string;
  let tanakaDoc: ReturnType<typeof yClient>;
  let satoDoc: ReturnType<typeof yClient>;
  const confirmPath = (id: string) => `/api/meetings/${MEETING}/decisions/${id}/confirm`;
  const confirmations = async (cookie: string) => ((await (await api(server.url, cookie, 'GET', `/api/meetings/${MEETING}/decisions/confirmations`)).json()) as DecisionConfirmationList).confirmations;
  /** Writes a decision and waits until the server's live document has it. */
  const write = async (client: ReturnType<typeof yClient>, d: Decision) => {
    board.decisions(client.doc).set(d.id, d);
    await waitUntil(() => JSON.stringify(board.decisions(tanakaDoc.doc).get(d.id)) === JSON.stringify(d), 5000, `decision ${d.id} at tanaka`);
    await waitUntil(() => JSON.stringify(board.decisions(satoDoc.doc).get(d.id)) === JSON.stringify(d), 5000, `decision ${d.id} at sato`);
  };

  beforeAll(async () => {
    server = await start();
    [tanaka, sato] = await Promise.all([login(server.url, 'tanaka'), login(server.url, 'sato')]);
    tanakaDoc = yClient(server.url, DOC, tanaka);
    satoDoc = yClient(server.url, DOC, sato);
    await Promise.all([tanakaDoc.synced(), satoDoc.synced()]);
  });
  afterAll(async () => {
    tanakaDoc?.destroy();
    satoDoc?.destroy();
    await server?.dispose();
  });

  it('the facilitator confirms what the board holds; the server lists it with the content hash', async () => {
    const visit = decision('d-visit', VISIT, 'org-houkatsu', '2026-05-15');
    await write(tanakaDoc, visit);
    const res = await api(server.url, tanaka, 'POST', confirmPath('d-visit'), { text: VISIT, ownerOrgId: 'org-houkatsu', dueDate: '2026-05-15' });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ decisionId: 'd-visit', confirmedBy: 'u-tanaka', confirmedByName: '田中 美咲', textHash: decisionContentHash(visit) });

    // Members see the same list, and the decision's current content matches it.
    const list = await confirmations(sato);
    expect(list).toHaveLength(1);
    expect(confirmationOf(visit, list).state).toBe('confirmed');
    // Confirming the same content again records nothing new.
    expect((await api(server.url, tanaka, 'POST', confirmPath('d-visit'), { text: VISIT, ownerOrgId: 'org-houkatsu', dueDate: '2026-05-15' })).status).toBe(200);
    expect(await confirmations(tanaka)).toHaveLength(1);

    // Audited with ids and the hash only, never the decision's wording.
    const audit = await server.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'decision.confirmed').execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(audit[0]!.detail_json)).toEqual({ meetingId: MEETING, decisionId: 'd-visit', textHash: decisionContentHash(visit) });
    expect(audit.every((a) => !a.detail_json.includes('見守り'))).toBe(true);
  });

  it('a member’s POST is 403 (and audited as a denial), whatever the body says', async () => {
    const finances = decision('d-finances', FINANCES, 'org-konkyu', null);
    await write(tanakaDoc, finances);
    const res = await api(server.url, sato, 'POST', confirmPath('d-finances'), { text: FINANCES, ownerOrgId: 'org-konkyu', dueDate: null });
    expect(res.status).toBe(403);
    expect((await res.json()).message).toContain('進行役');
    const takahashi = await login(server.url, 'takahashi');
    expect((await api(server.url, takahashi, 'POST', confirmPath('d-finances'), { text: FINANCES })).status).toBe(403);
    expect((await api(server.url, null, 'POST', confirmPath('d-finances'), { text: FINANCES })).status).toBe(401);
    expect(confirmationOf(finances, await confirmations(tanaka)).state).toBe('none');
    // The denial is written after the answer is sent: poll for it.
    const deniedRows = () => server.deps.db.selectFrom('audit_log').select('detail_json').where('action', '=', 'request.denied').execute();
    await expect.poll(async () => (await deniedRows()).some((d) => d.detail_json.includes('/decisions/d-finances/confirm')), { timeout: 3000 }).toBe(true);
  });

  it('a member writing confirmed: true into the Yjs decision does not make it confirmed', async () => {
    const forged: Decision = { ...(board.decisions(satoDoc.doc).get('d-finances') as Decision), confirmed: true, confirmedBy: 'u-tanaka' };
    await write(satoDoc, forged);
    const list = await confirmations(sato);
    expect(list.some((c) => c.decisionId === 'd-finances')).toBe(false);
    expect(confirmationOf(forged, list).state).toBe('none');
    // A member can forge a whole decision, too: it is as unconfirmed as any other.
    const injected = decision('d-injected', '本人の同意なく税情報を共有する', null, null);
    await write(satoDoc, { ...injected, confirmed: true });
    expect(confirmationOf(injected, await confirmations(tanaka)).state).toBe('none');
  });

  it('an edit after confirmation (wording or owner) shows as changed, not confirmed', async () => {
    const visit = board.decisions(satoDoc.doc).get('d-visit') as Decision;
    const list = await confirmations(sato);
    expect(confirmationOf({ ...visit, text: `${VISIT} (隔週に変更)` }, list).state).toBe('changed');
    expect(confirmationOf({ ...visit, ownerOrgId: 'org-konkyu' }, list).state).toBe('changed');
    expect(confirmationOf({ ...visit, dueDate: '2026-06-30' }, list).state).toBe('changed');

    // A member rewrites the confirmed decision on the board: it is no longer confirmed.
    await write(satoDoc, { ...visit, text: `${VISIT} (隔週に変更)` });
    const current = board.decisions(tanakaDoc.doc).get('d-visit') as Decision;
    expect(confirmationOf(current, await confirmations(tanaka)).state).toBe('changed');
  });

  it('the facilitator cannot confirm content other than the board’s, nor a decision that is not there', async () => {
    // The board now says 隔週; confirming the old wording (what tanaka saw before) is refused.
    const stale = await api(server.url, tanaka, 'POST', confirmPath('d-visit'), { text: VISIT, ownerOrgId: 'org-houkatsu', dueDate: '2026-05-15' });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error).toBe('decision_changed');
    expect((await api(server.url, tanaka, 'POST', confirmPath('d-nowhere'), { text: VISIT })).status).toBe(404);
    expect((await api(server.url, tanaka, 'POST', confirmPath('d-visit'), { text: '' })).status).toBe(400);
    expect((await api(server.url, tanaka, 'POST', `/api/meetings/meeting-nowhere/decisions/d-visit/confirm`, { text: VISIT })).status).toBe(404);

    // Re-confirming the current content is a second confirmation; the decision shows confirmed again.
    const res = await api(server.url, tanaka, 'POST', confirmPath('d-visit'), { text: `${VISIT} (隔週に変更)`, ownerOrgId: 'org-houkatsu', dueDate: '2026-05-15' });
    expect(res.status).toBe(200);
    const current = board.decisions(tanakaDoc.doc).get('d-visit') as Decision;
    const list = await confirmations(sato);
    expect(list.filter((c) => c.decisionId === 'd-visit')).toHaveLength(2);
    expect(confirmationOf(current, list).state).toBe('confirmed');
  });

  it('a confirmation tells every open board of the case to refetch (server-sent event)', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${server.url}/api/cases/case-yamada/events`, { headers: { cookie: sato, origin: server.url }, signal: controller.signal });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    let seen = '';
    const arrived = (async () => {
      const decoder = new TextDecoder();
      while (!seen.includes('event: decisions-confirmed')) {
        const { value, done } = await reader.read();
        if (done) break;
        seen += decoder.decode(value, { stream: true });
        if (seen.includes('event: ready') && !seen.includes('event: decisions-confirmed') && !seen.includes('#posted')) {
          seen += '#posted';
          await write(tanakaDoc, decision('d-sse', '次回会議を1か月後に開催する', 'org-shakyo', null));
          expect((await api(server.url, tanaka, 'POST', confirmPath('d-sse'), { text: '次回会議を1か月後に開催する', ownerOrgId: 'org-shakyo' })).status).toBe(200);
        }
      }
    })();
    await Promise.race([arrived, new Promise((_, reject) => setTimeout(() => reject(new Error('no decisions-confirmed event')), 5000))]);
    expect(seen).toContain('event: decisions-confirmed');
    controller.abort();
  });

  it('only people admitted to the meeting may list its confirmations', async () => {
    const watanabe = await login(server.url, 'watanabe');
    expect((await api(server.url, watanabe, 'GET', `/api/meetings/${MEETING}/decisions/confirmations`)).status).toBe(404);
    expect((await api(server.url, null, 'GET', `/api/meetings/${MEETING}/decisions/confirmations`)).status).toBe(401);
  });

  it('after the meeting closes, confirming is 409; the confirmations stay readable', async () => {
    const pending = decision('d-late', '本人の通院に長女が同行する', null, null);
    await write(tanakaDoc, pending);
    expect((await api(server.url, tanaka, 'POST', `/api/meetings/${MEETING}/state`, { state: 'closed' })).status).toBe(200);
    const res = await api(server.url, tanaka, 'POST', confirmPath('d-late'), { text: pending.text });
    expect(res.status).toBe(409);
    expect((await res.json()).message).toContain('終了した会議');
    const list = await confirmations(sato);
    expect(list.some((c) => c.decisionId === 'd-late')).toBe(false);
    expect(list.filter((c) => c.decisionId === 'd-visit')).toHaveLength(2);
  });
});
