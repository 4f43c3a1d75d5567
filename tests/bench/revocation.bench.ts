/**
 * Revocation latency: from the consent API call to the close of every affected socket, with 300
 * open connections across 20 meetings (4 households x 5 meetings x 5 participants x 3 documents).
 * Run: npx tsx tests/bench/revocation.bench.ts
 */
import { compartmentName } from '../../shared/policy/compartment-name.ts';
import { startTestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { rawSocket, waitUntil, type RawSocket } from '../helpers/ws.ts';
import { summary } from './stats.ts';
import type { Db } from '../../server/store/db.ts';

const CASES = 4;
const MEETINGS_PER_CASE = 5;
const USERS = ['tanaka', 'sato', 'suzuki', 'takahashi', 'ito'];
const ROUNDS = 12;
const everyone = (category: string) => ({ category, orgId: '*' });
const GRANTED = { status: 'granted', method: 'written', validFrom: null, validUntil: null, scope: ['basic', 'living', 'health'].map(everyone) };
const NARROWED = { ...GRANTED, scope: ['basic', 'living'].map(everyone) };

const server = await startTestServer();
const docsOfCase = await seedBenchCases(server.deps.db);
const cookies = Object.fromEntries(await Promise.all(USERS.map(async (u) => [u, await login(server.url, u)] as const)));
const userOrg: Record<string, string> = { tanaka: 'org-shakyo', sato: 'org-houkatsu', suzuki: 'org-shogai', takahashi: 'org-konkyu', ito: 'org-clinic' };

type Open = { socket: RawSocket; user: string; doc: string; ctx: string; caseId: string };
const open: Open[] = [];
async function connect(user: string, doc: string, ctx: string, caseId: string): Promise<Open> {
  const socket = rawSocket(server.url, doc, { cookie: cookies[user]!, ctx });
  await waitUntil(() => socket.frames.length > 0, 10_000, `open ${doc}`);
  return { socket, user, doc, ctx, caseId };
}
for (let c = 0; c < CASES; c++) {
  for (let m = 0; m < MEETINGS_PER_CASE; m++) {
    for (const user of USERS) {
      for (const doc of docsOfCase[c]!) open.push(await connect(user, doc, `meeting:bench-m${c}-${m}`, `bench-c${c}`));
    }
  }
}
console.log(`open connections: ${open.length}, live rooms: ${server.deps.rooms.size}`);

const latencies: number[] = [];
const apiTimes: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const c = round % CASES;
  const caseId = `bench-c${c}`;
  const healthDoc = docsOfCase[c]![2]!;
  // Affected: everyone on the health document except its supplier (the clinic).
  const affected = open.filter((o) => o.caseId === caseId && o.doc === healthDoc && userOrg[o.user] !== 'org-clinic');
  const closedAt = new Map<Open, number>();
  for (const o of affected) void o.socket.closed.then(() => closedAt.set(o, performance.now()));
  const t0 = performance.now();
  const res = await api(server.url, cookies.tanaka!, 'POST', `/api/cases/${caseId}/persons/bench-p${c}/consents`, NARROWED);
  apiTimes.push(performance.now() - t0);
  if (res.status !== 201) throw new Error(`withdrawal failed: ${res.status}`);
  await waitUntil(() => closedAt.size === affected.length, 5000, 'all affected closed');
  for (const o of affected) latencies.push(closedAt.get(o)! - t0);
  const unaffectedClosed = open.filter((o) => !affected.includes(o) && o.socket.ws.readyState !== 1).length;
  if (unaffectedClosed > 0) throw new Error(`${unaffectedClosed} unaffected sockets were closed`);
  // Grant again and reconnect, so every round starts from 300 open connections.
  await api(server.url, cookies.tanaka!, 'POST', `/api/cases/${caseId}/persons/bench-p${c}/consents`, GRANTED);
  for (const o of affected) open.splice(open.indexOf(o), 1, await connect(o.user, o.doc, o.ctx, o.caseId));
}

console.log(summary('revocation: API call -> affected socket closed', latencies));
console.log(summary('consent API round trip (includes re-evaluation)', apiTimes));
console.log(`affected per round: ${latencies.length / ROUNDS}, open connections per round: ${open.length}`);
for (const o of open) o.socket.ws.terminate();
await server.dispose();

/** Four synthetic households shaped like the demo one, each with five meetings. */
async function seedBenchCases(db: Db): Promise<string[][]> {
  const now = new Date().toISOString();
  const result: string[][] = [];
  for (let c = 0; c < CASES; c++) {
    const caseId = `bench-c${c}`;
    const personId = `bench-p${c}`;
    await db.insertInto('cases').values({ id: caseId, title: `ベンチ世帯${c}`, coordinator_user_id: 'u-tanaka', legal_basis: 'consent', created_at: now }).execute();
    await db.insertInto('persons').values({ id: personId, case_id: caseId, name: `本人${c}`, relation: '本人', sex: 'female', age: 80, is_subject: 1, deceased: 0 }).execute();
    await db.insertInto('consent_records').values({ case_id: caseId, person_id: personId, status: 'granted', method: 'written', valid_from: null, valid_until: null, scope_json: JSON.stringify(GRANTED.scope), note: null, document_ref: null, recorded_by: 'u-tanaka', recorded_at: now }).execute();
    const docs: string[] = [];
    for (const [category, org] of [['basic', 'org-shakyo'], ['living', 'org-houkatsu'], ['health', 'org-clinic']] as const) {
      const label = { caseId, personId, category, supplierOrgId: org, allowOrgIds: null, notToPerson: false };
      const docName = compartmentName(label);
      docs.push(docName);
      await db.insertInto('compartments').values({ doc_name: docName, case_id: caseId, person_id: personId, category, supplier_org_id: org, allow_org_ids: null, not_to_person: 0, created_by: 'u-tanaka', created_at: now }).execute();
    }
    for (let m = 0; m < MEETINGS_PER_CASE; m++) {
      const meetingId = `bench-m${c}-${m}`;
      await db.insertInto('meetings').values({ id: meetingId, case_id: caseId, kind_id: 'jusoteki', moment: null, title: `会議${m}`, scheduled_at: now, state: 'open', video_url: null, created_by: 'u-tanaka' }).execute();
      await db
        .insertInto('meeting_participants')
        .values(USERS.map((u) => ({ meeting_id: meetingId, user_id: `u-${u}`, role: u === 'tanaka' ? 'facilitator' : 'member', person_id: null, affirmed_at: now, added_at: now })))
        .execute();
    }
    result.push(docs);
  }
  return result;
}
