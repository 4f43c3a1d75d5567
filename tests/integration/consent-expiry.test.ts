import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { login } from '../helpers/http.ts';
import { rawSocket, waitUntil, type RawSocket } from '../helpers/ws.ts';
import { docOf } from '../helpers/scenario.ts';
import { validityEndsAt } from '../../shared/policy/consent-effective.ts';

const CTX = 'meeting:meeting-yamada-1';
const clinicHealth = docOf('p-haru', 'health', 'org-clinic');
const ownHealth = docOf('p-haru', 'health', 'org-houkatsu');

/** A sync step 1 with an empty state vector: the server answers with a step 2 (a positive marker). */
const STEP1 = new Uint8Array([0, 0, 1, 0]);
async function answers(s: RawSocket): Promise<void> {
  const before = s.frames.length;
  s.ws.send(STEP1);
  await waitUntil(() => s.frames.slice(before).some((f) => f[0] === 0 && f[1] === 1), 5000, 'a sync step 2 after the expiry');
}

describe('a consent that runs out by the calendar takes effect like a withdrawal', () => {
  let server: TestServer;
  beforeAll(async () => {
    // The periodic check is an hour away: whatever closes a socket below is the expiry timer,
    // or the one safety-net tick a test runs by hand.
    server = await startTestServer({ expiryCheckMs: 3_600_000 });
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('the safety-net check closes the sockets that the expired consent covered, and only those', async () => {
    const sato = await login(server.url, 'sato');
    const clinic = rawSocket(server.url, clinicHealth, { cookie: sato, ctx: CTX });
    const own = rawSocket(server.url, ownHealth, { cookie: sato, ctx: CTX });
    await waitUntil(() => clinic.frames.length > 0 && own.frames.length > 0);

    // The validity period ends: move its last day into the past, as the calendar would.
    await server.deps.db.updateTable('consent_records').set({ valid_until: '2020-03-31' }).where('person_id', '=', 'p-haru').execute();
    await server.expiryWatch.tick();

    expect((await clinic.closed).code).toBe(4410);
    // The item his own agency entered stays in sight: the socket still answers after the close.
    await answers(own);
    expect(own.ws.readyState).toBe(1);
    own.ws.close();
  });

  it('the timer closes the socket at the instant the validity period ends, without any periodic check', async () => {
    await server.deps.db.updateTable('consent_records').set({ valid_until: null }).where('person_id', '=', 'p-haru').execute();
    const sato = await login(server.url, 'sato');
    const clinic = rawSocket(server.url, clinicHealth, { cookie: sato, ctx: CTX });
    await waitUntil(() => clinic.frames.length > 0);

    const until = new Date(Date.now() + 1500).toISOString();
    await server.deps.db.updateTable('consent_records').set({ valid_until: until }).where('person_id', '=', 'p-haru').execute();
    // Re-plans the timer (recording consent through the API does the same); still valid, so it stays open.
    await server.expiryWatch.tick();
    const endsAt = validityEndsAt({ personId: 'p-haru', status: 'granted', validFrom: null, validUntil: until, scope: [] })!;
    expect(server.expiryWatch.nextAt()).toBe(endsAt);
    await answers(clinic);

    const closed = await clinic.closed;
    const closedAt = Date.now();
    expect(closed.code).toBe(4410);
    // Not before the period ended (the order, not a duration).
    expect(closedAt).toBeGreaterThanOrEqual(endsAt);
  });
});
