import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';

/** `npm start` on a fresh machine: the demo has a past meeting to review, frozen like any other. */
describe('the demo comes with a past meeting record', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seedHistory: true });
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('a member finds the closed 支援会議 in the timeline and reads its minutes and confirmed decisions', async () => {
    const sato = await login(server.url, 'sato');
    const timeline = await (await api(server.url, sato, 'GET', '/api/cases/case-yamada/timeline')).json();
    const past = timeline.find((m: { id: string }) => m.id === 'meeting-yamada-0');
    expect(past).toMatchObject({ kindId: 'shien', state: 'closed', decisionsCount: 2 });
    const record = await (await api(server.url, sato, 'GET', '/api/meetings/meeting-yamada-0/record')).json();
    expect(record.confirmedDecisionIds.sort()).toEqual(['d-consent', 'd-visit']);
    expect(record.attendees.map((a: { displayName: string }) => a.displayName)).toContain('佐藤 健一');
    const hits = await (await api(server.url, sato, 'GET', '/api/search?q=' + encodeURIComponent('関係づくり'))).json();
    expect(JSON.stringify(hits)).toContain('meeting-yamada-0');
  });

  it('a restart does not seed it twice', async () => {
    server = await server.restart();
    const rows = await server.deps.db.selectFrom('meetings').select('id').where('id', '=', 'meeting-yamada-0').execute();
    expect(rows).toHaveLength(1);
  });
});
