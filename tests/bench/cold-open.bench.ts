/**
 * Cold open of a case with three years of history: 50 closed meetings and 20,000 document
 * updates spread over its compartments and meeting documents. Measures how long one viewer waits
 * from "open the board" (manifest + every compartment + the meeting document, nothing loaded on
 * the server) to the first sync of all of them, and checks that the update logs stay within 2x
 * of the encoded state they hold.
 * Run: npx tsx tests/bench/cold-open.bench.ts
 */
import * as Y from 'yjs';
import { sql } from 'kysely';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { waitUntil, yClient } from '../helpers/ws.ts';
import { summary } from './stats.ts';
import { compartmentName } from '../../shared/policy/compartment-name.ts';
import { board } from '../../shared/board/schema.ts';
import type { Category } from '../../shared/domain/categories.ts';
import type { Db } from '../../server/store/db.ts';

const CASE = 'bench-history';
const MEETINGS = 50;
const UPDATES_PER_MEETING = 400; // 50 x 400 = 20,000
const MEETING_DOC_SHARE = 120; // per meeting: minutes typing, agenda, decisions
const RUNS = 30;
const ORIGIN = 'bench-client';
const DAY = 24 * 3600 * 1000;
const COMPARTMENTS: [string, Category, string][] = [
  ['bh-subject', 'basic', 'org-shakyo'], // holds the plan
  ['bh-subject', 'living', 'org-houkatsu'],
  ['bh-subject', 'living', 'org-shakyo'],
  ['bh-subject', 'health', 'org-clinic'],
  ['bh-subject', 'health', 'org-houkatsu'],
  ['bh-subject', 'finances', 'org-konkyu'],
  ['bh-subject', 'tax', 'org-city'],
  ['bh-son', 'living', 'org-shogai'],
  ['bh-son', 'health', 'org-clinic'],
  ['bh-son', 'disability', 'org-shogai'],
  ['bh-son', 'finances', 'org-konkyu'],
  ['bh-daughter', 'basic', 'org-shakyo'],
];
const docs = COMPARTMENTS.map(([personId, category, org]) => compartmentName({ caseId: CASE, personId, category, supplierOrgId: org, allowOrgIds: null, notToPerson: false }));

// Each y-websocket client in Node registers a process exit hook; ten at once is expected here.
process.setMaxListeners(50);
let server: TestServer = await startTestServer();
await seedCase(server.deps.db);
const tanaka = await login(server.url, 'tanaka');

// --- three years of history, written through the server's rooms (the path client updates take) ---
const appendedBytes = new Map<string, number>();
/** The previous rule (compact at >= 200 rows only), simulated alongside for comparison. */
const oldRule = new Map<string, { rows: number; bytes: number }>();
const closeTimes: number[] = [];
const start = Date.now() - 3 * 365 * DAY;
const t0 = performance.now();
for (let m = 0; m < MEETINGS; m++) {
  const meetingId = `bh-m${m}`;
  const when = new Date(start + m * 22 * DAY).toISOString();
  await insertMeeting(server.deps.db, meetingId, when, 'open', m === 0 ? 'plan_creation' : m === MEETINGS - 1 ? 'ending' : 'plan_change');
  const names = [`meeting/${meetingId}`, ...docs];
  const rooms = await Promise.all(names.map((n) => server.deps.rooms.acquire(n)));
  for (const [i, room] of rooms.entries()) {
    room.doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== ORIGIN) return;
      appendedBytes.set(names[i]!, (appendedBytes.get(names[i]!) ?? 0) + u.byteLength);
      const o = oldRule.get(names[i]!) ?? { rows: 0, bytes: 0 };
      oldRule.set(names[i]!, { rows: o.rows + 1, bytes: o.bytes + u.byteLength });
    });
  }
  for (let k = 0; k < MEETING_DOC_SHARE; k++) rooms[0]!.doc.transact(() => editMeetingDoc(rooms[0]!.doc, m, k), ORIGIN);
  for (let k = 0; k < UPDATES_PER_MEETING - MEETING_DOC_SHARE; k++) {
    const i = 1 + (k % docs.length);
    rooms[i]!.doc.transact(() => editCompartment(rooms[i]!.doc, i - 1, m, k), ORIGIN);
  }
  for (const [i, room] of rooms.entries()) {
    await room.settled();
    const o = oldRule.get(names[i]!)!;
    if (o.rows >= 200) oldRule.set(names[i]!, { rows: 1, bytes: Y.encodeStateAsUpdate(room.doc).byteLength });
    server.deps.rooms.release(names[i]!);
  }
  await server.deps.rooms.drain();
  const c0 = performance.now();
  const closed = await api(server.url, tanaka, 'POST', `/api/meetings/${meetingId}/state`, { state: 'closed' });
  closeTimes.push(performance.now() - c0);
  if (closed.status !== 200) throw new Error(`close failed: ${closed.status} ${await closed.text()}`);
}
console.log(`history: ${MEETINGS} meetings, ${MEETINGS * UPDATES_PER_MEETING} updates over ${docs.length} compartments + ${MEETINGS} meeting documents in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
console.log(summary('close (freeze of 13 documents, one transaction)', closeTimes));

// --- stored size against the encoded state ---
const sizes = await sql<{ doc_name: string; rows: number; bytes: number }>`
  SELECT doc_name, count(*) AS rows, sum(length(data)) AS bytes FROM doc_updates WHERE doc_name LIKE ${`case/${CASE}/%`} OR doc_name LIKE 'meeting/bh-%' GROUP BY doc_name`.execute(server.deps.db);
let stored = 0;
let state = 0;
let appended = 0;
let oldStored = 0;
let worst = { name: '', ratio: 0 };
let worstOld = 0;
for (const row of sizes.rows) {
  const { updates } = await server.deps.docs.loadUpdates(row.doc_name);
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  const s = Y.encodeStateAsUpdate(doc).byteLength;
  stored += Number(row.bytes);
  state += s;
  appended += appendedBytes.get(row.doc_name) ?? 0;
  oldStored += oldRule.get(row.doc_name)?.bytes ?? 0;
  if (Number(row.bytes) / s > worst.ratio) worst = { name: row.doc_name, ratio: Number(row.bytes) / s };
  worstOld = Math.max(worstOld, (oldRule.get(row.doc_name)?.bytes ?? 0) / s);
}
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`documents: ${sizes.rows.length}, encoded state ${kb(state)}, stored log ${kb(stored)} (x${(stored / state).toFixed(2)}), worst document x${worst.ratio.toFixed(2)} (${worst.name})`);
console.log(`without compaction the logs would hold ${kb(appended)} (x${(appended / state).toFixed(2)}); the previous rule (>= 200 rows) ${kb(oldStored)} (x${(oldStored / state).toFixed(2)}, worst document x${worstOld.toFixed(2)})`);
const snapshotBytes = await sql<{ bytes: number }>`SELECT sum(length(state)) AS bytes FROM meeting_snapshots WHERE meeting_id LIKE 'bh-%'`.execute(server.deps.db);
console.log(`meeting records: ${MEETINGS} x ${docs.length + 1} frozen states, ${kb(Number(snapshotBytes.rows[0]?.bytes ?? 0))}`);

// --- cold open: a fresh process state, then one viewer opens the live board ---
server = await server.restart();
await insertMeeting(server.deps.db, 'bh-live', new Date().toISOString(), 'open', 'plan_change');
for (const user of ['tanaka', 'sato']) {
  const cookie = await login(server.url, user);
  const times: number[] = [];
  const manifestTimes: number[] = [];
  let opened = 0;
  for (let run = 0; run < RUNS; run++) {
    const began = performance.now();
    const manifest = (await (await api(server.url, cookie, 'GET', `/api/cases/${CASE}/manifest?ctx=meeting:bh-live`)).json()) as { compartments: { docName: string }[] };
    manifestTimes.push(performance.now() - began);
    const names = ['meeting/bh-live', ...manifest.compartments.map((c) => c.docName)];
    const clients = names.map((n) => yClient(server.url, n, cookie, 'meeting:bh-live'));
    // The sync event itself, not polling: polling would add its interval to every sample.
    await Promise.all(clients.map((c) => new Promise<void>((resolve) => (c.provider.synced ? resolve() : c.provider.once('sync', () => resolve())))));
    times.push(performance.now() - began);
    opened = names.length;
    for (const c of clients) c.destroy();
    await waitUntil(() => server.deps.rooms.size === 0, 10_000, 'rooms unloaded');
    await server.deps.rooms.drain();
  }
  console.log(summary(`cold open, ${user} (${opened} documents: manifest + load + first sync)`, times));
  console.log(summary(`  of which the manifest`, manifestTimes));
}

// --- reading the history: timeline, one record, search ---
const timed = async (label: string, path: string, describe: (body: any) => string) => {
  const times: number[] = [];
  let body: unknown;
  for (let run = 0; run < RUNS; run++) {
    const began = performance.now();
    const res = await api(server.url, tanaka, 'GET', path);
    body = await res.json();
    times.push(performance.now() - began);
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  }
  console.log(summary(`${label} (${describe(body)})`, times));
};
await timed('timeline', `/api/cases/${CASE}/timeline`, (b) => `${b.length} meetings`);
await timed('one record', `/api/meetings/bh-m${MEETINGS - 1}/record`, (b) => `${b.docs.length} of ${docs.length + 1} frozen documents visible`);
await timed('search, 3+ characters (trigram index)', `/api/search?q=${encodeURIComponent('見守り体制')}`, (b) => `${b.hits.length} hits`);
await timed('search, 2 characters (scan)', `/api/search?q=${encodeURIComponent('通院')}`, (b) => `${b.hits.length} hits`);
await server.dispose();

function editMeetingDoc(doc: Y.Doc, m: number, k: number): void {
  const minutes = board.minutes(doc);
  if (minutes.length === 0) minutes.insert(0, [new Y.XmlElement('paragraph')]);
  const paragraph = minutes.get(minutes.length - 1) as Y.XmlElement;
  if (k < 100) {
    // Typing: a few characters per update, a new paragraph now and then.
    if (paragraph.length === 0) paragraph.insert(0, [new Y.XmlText('')]);
    const text = paragraph.get(0) as Y.XmlText;
    text.insert(text.length, '本人の見守り体制と通院の状況を確認した。'.slice((k * 3) % 18, ((k * 3) % 18) + 1 + (k % 4)));
    if (k % 25 === 24) minutes.insert(minutes.length, [new Y.XmlElement('paragraph')]);
  } else if (k < 108) {
    board.agenda(doc).set(`a${k % 4}`, { id: `a${k % 4}`, text: `議題${k % 4}`, order: k % 4, done: k >= 104 });
  } else {
    const id = `d${k % 4}`;
    board.decisions(doc).set(id, { id, text: `第${m + 1}回 決定事項${k % 4}: 見守り体制の継続`, ownerOrgId: 'org-houkatsu', dueDate: null, planItemId: null, confirmed: k >= 116, confirmedBy: null, createdBy: 'u-tanaka', createdAt: new Date().toISOString() });
  }
}

function editCompartment(doc: Y.Doc, index: number, m: number, k: number): void {
  const step = Math.floor(k / docs.length);
  if (index === 0 && step % 5 === 0) {
    board.plan(doc).set('goal', `自宅で暮らし続けたい (第${m + 1}回で確認)`);
    board.plan(doc).set('stage', m === 0 ? 'creation' : 'change');
    board.plan(doc).set('monitoringDate', new Date(start + (m + 1) * 22 * DAY).toISOString().slice(0, 10));
  } else if (step % 4 === 0) {
    board.notes(doc).set(`n${m}-${step}`, { id: `n${m}-${step}`, text: `第${m + 1}回: 通院と服薬の状況、見守り体制について共有。`, authorName: '田中', authorOrgName: '社協', createdAt: '' });
  } else if (step % 4 === 1) {
    // Dragging an ecomap node: one update per move, whole value replaced.
    board.ecoNodes(doc).set(`e${index}`, { id: `e${index}`, kind: 'agency', personId: null, orgId: null, label: '支援機関', field: null, x: step * 7, y: m });
  } else if (step % 4 === 2) {
    board.planItems(doc).set(`p${index}-${m % 3}`, { id: `p${index}-${m % 3}`, what: '通院の同行', who: '包括', byWhen: null, category: 'health', status: step % 8 === 2 ? 'open' : 'done' });
  } else {
    board.roles(doc).set(`r${index}`, { id: `r${index}`, orgId: 'org-houkatsu', personInCharge: '佐藤', role: '見守り', personId: 'bh-subject', from: null, until: null, status: 'active' });
  }
}

async function insertMeeting(db: Db, id: string, when: string, state: string, moment: string): Promise<void> {
  await db.insertInto('meetings').values({ id, case_id: CASE, kind_id: 'jusoteki', moment, title: `会議 ${id}`, scheduled_at: when, state, video_url: null, created_by: 'u-tanaka' }).execute();
  const members = ['u-sato', 'u-ito', 'u-suzuki', 'u-takahashi'];
  await db
    .insertInto('meeting_participants')
    .values([{ user_id: 'u-tanaka', role: 'facilitator' }, ...members.map((u) => ({ user_id: u, role: 'member' }))].map((p) => ({ ...p, meeting_id: id, person_id: null, affirmed_at: null, added_at: when })))
    .execute();
}

async function seedCase(db: Db): Promise<void> {
  const now = new Date(Date.now() - 3 * 365 * DAY).toISOString();
  await db.insertInto('cases').values({ id: CASE, title: 'ベンチ世帯 (3年分)', coordinator_user_id: 'u-tanaka', legal_basis: 'consent', created_at: now }).execute();
  for (const [id, subject] of [['bh-subject', 1], ['bh-son', 0], ['bh-daughter', 0]] as const) {
    await db.insertInto('persons').values({ id, case_id: CASE, name: id, relation: subject ? '本人' : '家族', sex: 'female', age: 80, is_subject: subject, deceased: 0 }).execute();
  }
  const scope = (cats: string[]) => JSON.stringify(cats.map((category) => ({ category, orgId: '*' })));
  for (const [personId, cats] of [['bh-subject', ['basic', 'living', 'health', 'finances']], ['bh-son', ['living', 'health']]] as const) {
    await db.insertInto('consent_records').values({ case_id: CASE, person_id: personId, status: 'granted', method: 'written', valid_from: null, valid_until: null, scope_json: scope([...cats]), note: null, document_ref: null, recorded_by: 'u-tanaka', recorded_at: now }).execute();
  }
  for (const [i, [personId, category, org]] of COMPARTMENTS.entries()) {
    await db.insertInto('compartments').values({ doc_name: docs[i]!, case_id: CASE, person_id: personId, category, supplier_org_id: org, allow_org_ids: null, not_to_person: 0, created_by: 'u-tanaka', created_at: now }).execute();
  }
}
