/**
 * Rule 3, refusals reveal nothing (issue 8), from the attacker's side over raw HTTP: for every
 * route that takes an id, a user who may not know of an existing thing gets the very bytes an
 * unknown id gets (status and body), and a write that is refused leaves nothing behind.
 *
 * The attackers: ito (ひだまりクリニック) takes part in the Yamada case only, so the Sasaki case
 * (DV, 支援会議) and everything in it is unknown to him; sato (地域包括) likewise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { attacker, type Attacker, type Seen } from './attacker.ts';

const CASE = 'case-sasaki';
const MEETING = 'meeting-sasaki-1';
const PERSON = 'p-miwa';
const NO_CASE = 'case-nonexistent';
const NO_MEETING = 'meeting-nonexistent';

interface Door {
  name: string;
  method: string;
  /** The request, for an id that exists (`real`) or not (`fake`). */
  path(ids: { kase: string; meeting: string }): string;
  body?: unknown;
}

const label = { personId: PERSON, category: 'living', allowOrgIds: null, notToPerson: false };
const DOORS: Door[] = [
  { name: 'case detail', method: 'GET', path: ({ kase }) => `/api/cases/${kase}` },
  { name: 'case detail in a meeting', method: 'GET', path: ({ kase, meeting }) => `/api/cases/${kase}?ctx=meeting:${meeting}` },
  { name: 'consents', method: 'GET', path: ({ kase }) => `/api/cases/${kase}/consents` },
  {
    name: 'record consent',
    method: 'POST',
    path: ({ kase }) => `/api/cases/${kase}/persons/${PERSON}/consents`,
    body: { status: 'withdrawn', method: null, validFrom: null, validUntil: null, scope: [] },
  },
  { name: 'legal basis history', method: 'GET', path: ({ kase }) => `/api/cases/${kase}/legal-basis` },
  { name: 'change legal basis', method: 'PUT', path: ({ kase }) => `/api/cases/${kase}/legal-basis`, body: { basis: 'consent', reason: 'x' } },
  { name: 'workspace manifest', method: 'GET', path: ({ kase }) => `/api/cases/${kase}/manifest?ctx=workspace:${kase}` },
  { name: 'meeting manifest', method: 'GET', path: ({ kase, meeting }) => `/api/cases/${kase}/manifest?ctx=meeting:${meeting}` },
  { name: 'create compartment', method: 'POST', path: ({ kase }) => `/api/cases/${kase}/compartments`, body: { ctx: `workspace:${CASE}`, label } },
  { name: 'event stream', method: 'GET', path: ({ kase }) => `/api/cases/${kase}/events` },
  { name: 'timeline', method: 'GET', path: ({ kase }) => `/api/cases/${kase}/timeline` },
  {
    name: 'schedule a meeting',
    method: 'POST',
    path: ({ kase }) => `/api/cases/${kase}/meetings`,
    body: { kindId: 'shien', moment: null, title: 'x', scheduledAt: '2030-01-01T01:00:00Z', participants: [] },
  },
  { name: 'meeting detail', method: 'GET', path: ({ meeting }) => `/api/meetings/${meeting}` },
  { name: 'change a meeting', method: 'PATCH', path: ({ meeting }) => `/api/meetings/${meeting}`, body: { title: 'x' } },
  { name: 'designate', method: 'POST', path: ({ meeting }) => `/api/meetings/${meeting}/participants`, body: { userId: 'u-ito', role: 'member' } },
  { name: 'remove a participant', method: 'DELETE', path: ({ meeting }) => `/api/meetings/${meeting}/participants/u-suzuki` },
  { name: 'affirm', method: 'POST', path: ({ meeting }) => `/api/meetings/${meeting}/affirmation` },
  { name: 'open or close', method: 'POST', path: ({ meeting }) => `/api/meetings/${meeting}/state`, body: { state: 'open' } },
  { name: 'attendance', method: 'POST', path: ({ meeting }) => `/api/meetings/${meeting}/attendance`, body: { userId: 'u-suzuki', present: true } },
  { name: 'record', method: 'GET', path: ({ meeting }) => `/api/meetings/${meeting}/record` },
  { name: 'minutes export', method: 'GET', path: ({ meeting }) => `/api/meetings/${meeting}/minutes.docx` },
  { name: 'approve the record', method: 'POST', path: ({ meeting }) => `/api/meetings/${meeting}/approve` },
  { name: 'annotate the record', method: 'POST', path: ({ meeting }) => `/api/meetings/${meeting}/annotations`, body: { text: 'x' } },
  { name: 'compare records', method: 'GET', path: ({ meeting }) => `/api/meetings/${meeting}/compare/${meeting}` },
  { name: 'decision confirmations', method: 'GET', path: ({ meeting }) => `/api/meetings/${meeting}/decisions/confirmations` },
  { name: 'confirm a decision', method: 'POST', path: ({ meeting }) => `/api/meetings/${meeting}/decisions/d1/confirm`, body: { text: 'x', ownerOrgId: null, dueDate: null } },
];

describe('a user who may not know of a thing gets the answer an unknown id gets', () => {
  let server: TestServer;
  let ito: Attacker;
  let sato: Attacker;
  beforeAll(async () => {
    server = await startTestServer();
    [ito, sato] = await Promise.all([attacker(server.url, 'ito'), attacker(server.url, 'sato')]);
  });
  afterAll(async () => {
    await server.dispose();
  });

  const countRows = async () => ({
    compartments: (await server.deps.db.selectFrom('compartments').select('doc_name').where('case_id', '=', CASE).execute()).length,
    consents: (await server.deps.db.selectFrom('consent_records').select('id').where('case_id', '=', CASE).execute()).length,
    meetings: (await server.deps.db.selectFrom('meetings').select('id').where('case_id', '=', CASE).execute()).length,
    participants: (await server.deps.db.selectFrom('meeting_participants').select('user_id').where('meeting_id', '=', MEETING).execute()).length,
    annotations: (await server.deps.db.selectFrom('meeting_annotations').select('id').where('meeting_id', '=', MEETING).execute()).length,
  });

  for (const door of DOORS) {
    it(`${door.name}: an existing case or meeting of someone else's looks exactly like an unknown one`, async () => {
      const before = await countRows();
      for (const who of [ito, sato]) {
        const real: Seen = await who.send(door.method, door.path({ kase: CASE, meeting: MEETING }), door.body);
        const fake: Seen = await who.send(door.method, door.path({ kase: NO_CASE, meeting: NO_MEETING }), door.body);
        expect(real.status, `${who.username} ${door.method} ${door.name}`).toBe(404);
        expect(real, `${who.username} ${door.method} ${door.name}`).toEqual(fake);
        // Nothing of the case leaks in the refusal either.
        expect(real.body).not.toMatch(/佐々木|sasaki|miwa/i);
      }
      // A refused write wrote nothing.
      expect(await countRows()).toEqual(before);
    });
  }

  it('the one body is the same on every door, cases and meetings alike', async () => {
    const bodies = new Set<string>();
    for (const door of DOORS) bodies.add((await ito.send(door.method, door.path({ kase: CASE, meeting: MEETING }), door.body)).body);
    expect([...bodies]).toHaveLength(1);
  });

  it('inside a case one knows, a household member one may not know of is answered like an unknown one', async () => {
    // Suzuki is designated to the Sasaki 支援会議 but has not affirmed the duty: he may know nobody yet.
    const suzuki = await attacker(server.url, 'suzuki');
    const body = (personId: string) => ({ ctx: `meeting:${MEETING}`, label: { ...label, personId } });
    const miwa = await suzuki.send('POST', `/api/cases/${CASE}/compartments`, body(PERSON));
    const nobody = await suzuki.send('POST', `/api/cases/${CASE}/compartments`, body('p-nobody'));
    expect(miwa.status).toBe(404);
    expect(miwa).toEqual(nobody);
    const stored = await server.deps.db.selectFrom('compartments').select('doc_name').where('case_id', '=', CASE).where('supplier_org_id', '=', 'org-shogai').execute();
    expect(stored).toEqual([]);
  });

  it('the audit log: a facilitator filtering by a case he does not coordinate sees what an unknown case shows', async () => {
    // A second facilitator of another agency (not the coordinating one).
    await server.deps.db.updateTable('users').set({ role: 'facilitator' }).where('id', '=', 'u-ito').execute();
    const real = await ito.send('GET', `/api/audit?caseId=${CASE}`);
    const fake = await ito.send('GET', `/api/audit?caseId=${NO_CASE}`);
    expect(real.status).toBe(200);
    expect(fake.status).toBe(200);
    // Either way he is shown only his own operations (here: his refused requests), never the case's.
    for (const seen of [real, fake]) {
      const { entries } = JSON.parse(seen.body) as { entries: { actorUserId: string }[] };
      expect(entries.every((e) => e.actorUserId === 'u-ito')).toBe(true);
    }
    expect(real.body).not.toMatch(/佐々木|u-tanaka|consent\.changed/);
    await server.deps.db.updateTable('users').set({ role: 'member' }).where('id', '=', 'u-ito').execute();
  });
});
