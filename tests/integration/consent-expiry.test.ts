import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { login } from '../helpers/http.ts';
import { rawSocket, waitUntil } from '../helpers/ws.ts';
import { docOf } from '../helpers/scenario.ts';

describe('a consent that runs out by the calendar takes effect like a withdrawal', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ expiryCheckMs: 3_600_000 });
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('closes the sockets that the expired consent covered, at the next check', async () => {
    const ctx = 'meeting:meeting-yamada-1';
    const sato = await login(server.url, 'sato');
    const clinicHealth = rawSocket(server.url, docOf('p-haru', 'health', 'org-clinic'), { cookie: sato, ctx });
    const ownHealth = rawSocket(server.url, docOf('p-haru', 'health', 'org-houkatsu'), { cookie: sato, ctx });
    await waitUntil(() => clinicHealth.frames.length > 0 && ownHealth.frames.length > 0);
    await server.expiryWatch.tick();

    // The validity period ends: move its last day into the past, as the calendar would.
    await server.deps.db.updateTable('consent_records').set({ valid_until: '2020-03-31' }).where('person_id', '=', 'p-haru').execute();
    await server.expiryWatch.tick();

    expect((await clinicHealth.closed).code).toBe(4410);
    // The item his own agency entered stays in sight.
    await new Promise((r) => setTimeout(r, 50));
    expect(ownHealth.ws.readyState).toBe(1);
    ownHealth.ws.close();
  });
});
