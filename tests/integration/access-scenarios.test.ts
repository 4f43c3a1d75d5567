import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { rawSocket, waitUntil, yClient } from '../helpers/ws.ts';
import { allSeededDocs, docOf, framesContain, textsOf } from '../helpers/scenario.ts';
import { SCENARIO_FACTS } from '../../server/seed/demo-scenarios.ts';
import { notesOf } from '../../shared/board/items.ts';

/**
 * Each participant of the seeded scenarios, as a raw WebSocket client, asks for EVERY compartment
 * of the case. What they receive must be exactly what the table below says, down to the bytes:
 * no text of a compartment they may not open appears in any frame they get.
 */
const Y_ = 'meeting:meeting-yamada-1';
const S_ = 'meeting:meeting-sasaki-1';

const haruBasic = docOf('p-haru', 'basic', 'org-shakyo');
const haruLiving = docOf('p-haru', 'living', 'org-houkatsu');
const haruHealthClinic = docOf('p-haru', 'health', 'org-clinic');
const haruHealthHoukatsu = docOf('p-haru', 'health', 'org-houkatsu');
const haruFinances = docOf('p-haru', 'finances', 'org-konkyu');
const haruTax = docOf('p-haru', 'tax', 'org-city');
const kenjiLiving = docOf('p-kenji', 'living', 'org-shogai');
const kenjiHealth = docOf('p-kenji', 'health', 'org-clinic');
const miwaBasic = docOf('p-miwa', 'basic', 'org-shakyo');
const miwaWhereabouts = docOf('p-miwa', 'dv_whereabouts', 'org-kodomo');
const miwaFinances = docOf('p-miwa', 'finances', 'org-konkyu');
const miwaTax = docOf('p-miwa', 'tax', 'org-city');
const yotaReporter = docOf('p-yota', 'child_protection', 'org-kodomo');
const yotaLiving = docOf('p-yota', 'living', 'org-kodomo');

type Expect = Record<string, 'write' | 'read'>;

/**
 * 重層的支援会議: only what Haru's consent names for the viewer's agency, plus what the agency
 * entered. Only the supplying agency writes an item (issue 8 rule 4); everybody else reads it.
 */
const YAMADA: Record<string, Expect> = {
  tanaka: { [haruBasic]: 'write', [haruLiving]: 'read', [haruHealthClinic]: 'read', [haruHealthHoukatsu]: 'read', [haruFinances]: 'read' },
  sato: { [haruBasic]: 'read', [haruLiving]: 'write', [haruHealthClinic]: 'read', [haruHealthHoukatsu]: 'write' },
  suzuki: { [haruBasic]: 'read', [haruLiving]: 'read', [kenjiLiving]: 'write' },
  takahashi: { [haruBasic]: 'read', [haruLiving]: 'read', [haruFinances]: 'write' },
  ito: { [haruBasic]: 'read', [haruLiving]: 'read', [haruHealthClinic]: 'write', [haruHealthHoukatsu]: 'read', [kenjiHealth]: 'write' },
  // The daughter (family): her mother's items shared with everyone, read only; nothing of her brother.
  yuki: { [haruBasic]: 'read', [haruLiving]: 'read' },
  // Not a participant of the meeting at all.
  watanabe: {},
};

/** 支援会議: affirmed members see without consent, except tax and restricted items. */
const SASAKI: Record<string, Expect> = {
  tanaka: { [miwaBasic]: 'write', [miwaWhereabouts]: 'read', [miwaFinances]: 'read', [yotaReporter]: 'read', [yotaLiving]: 'read' },
  watanabe: { [miwaBasic]: 'read', [miwaWhereabouts]: 'write', [miwaFinances]: 'read', [yotaReporter]: 'write', [yotaLiving]: 'write' },
  takahashi: { [miwaBasic]: 'read', [miwaFinances]: 'write', [yotaReporter]: 'read', [yotaLiving]: 'read' },
  // Designated, but has not affirmed the confidentiality duty: nothing.
  suzuki: {},
  // The person: everything about herself, her own whereabouts included even though the item is
  // restricted to two agencies (issue 8 rule 8), and her own tax data (showing it to her shares
  // nothing); never who reported, not her son's without his consent.
  miwa: { [miwaBasic]: 'read', [miwaWhereabouts]: 'read', [miwaFinances]: 'read', [miwaTax]: 'read' },
};

/** Who is not admitted to the scenario's meeting at all: their manifest must say nothing either. */
const NOT_ADMITTED: Record<string, string[]> = { [Y_]: ['watanabe'], [S_]: [] };

describe('each participant receives exactly the compartments the policy allows', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  const cases = [
    { name: '重層的支援会議 of the Yamada household (partial consent, a member not asked)', ctx: Y_, caseId: 'case-yamada', table: YAMADA },
    { name: '支援会議 of the Sasaki household (no consent, unaffirmed member, DV, not-to-person)', ctx: S_, caseId: 'case-sasaki', table: SASAKI },
  ];

  for (const scenario of cases) {
    describe(scenario.name, () => {
      for (const [username, expected] of Object.entries(scenario.table)) {
        it(`${username}: manifest and sockets match the table, byte for byte`, async () => {
          const cookie = await login(server.url, username);
          const res = await api(server.url, cookie, 'GET', `/api/cases/${scenario.caseId}/manifest?ctx=${scenario.ctx}`);
          if (NOT_ADMITTED[scenario.ctx]!.includes(username)) {
            // Not admitted to the meeting at all: the manifest is refused outright, exactly like a
            // meeting that does not exist (a 200 with an empty list would confirm the meeting).
            const unknown = await api(server.url, cookie, 'GET', `/api/cases/${scenario.caseId}/manifest?ctx=meeting:no-such-meeting`);
            expect(res.status).toBe(404);
            expect(unknown.status).toBe(404);
            expect(await res.text()).toBe(await unknown.text());
          } else {
            expect(res.status).toBe(200);
            const manifest = await res.json();
            const got = Object.fromEntries(manifest.compartments.map((c: { docName: string; access: string }) => [c.docName, c.access]));
            expect(got).toEqual(expected);
            expect(manifest.hidden).toBeUndefined();
          }

          // The attacker's side: ask for every compartment of the case, allowed or not.
          const frames: Uint8Array[] = [];
          for (const docName of allSeededDocs(scenario.caseId)) {
            const socket = rawSocket(server.url, docName, { cookie, ctx: scenario.ctx });
            if (expected[docName]) {
              await waitUntil(() => socket.frames.length > 0, 3000, `${username} first frame of ${docName}`);
              socket.ws.send(syncStep1());
              await waitUntil(() => socket.frames.some((f) => f[0] === 0 && f[1] === 1), 3000, 'sync step 2');
              for (const text of textsOf(docName)) expect(framesContain(socket.frames, text), `${username} sees ${text}`).toBe(true);
              socket.ws.close();
              await socket.closed;
            } else {
              const closed = await socket.closed;
              expect(closed.code, `${username} on ${docName}`).toBe(4404);
              expect(socket.frames, `${username} got bytes of ${docName}`).toHaveLength(0);
            }
            frames.push(...socket.frames);
          }
          const forbidden = SCENARIO_FACTS.filter((f) => f.caseId === scenario.caseId).filter((f) => !Object.keys(expected).some((d) => textsOf(d).includes(f.text)));
          for (const fact of forbidden) expect(framesContain(frames, fact.text), `${username} must never receive: ${fact.text}`).toBe(false);
        });
      }
    });
  }

  it('a read-only participant (family) has its writes dropped: the document does not change', async () => {
    const yuki = yClient(server.url, haruBasic, await login(server.url, 'yuki'), Y_);
    // The supplier of Haru's basic information (社協) is the one who can write it.
    const tanaka = yClient(server.url, haruBasic, await login(server.url, 'tanaka'), Y_);
    await Promise.all([yuki.synced(), tanaka.synced()]);
    const before = notesOf(tanaka.doc).size;
    notesOf(yuki.doc).set('forged', { id: 'forged', text: '書き換え', authorName: 'x', authorOrgName: 'x', createdAt: '' });
    // A write from the supplier afterwards proves the channel is live; yuki's must never arrive.
    notesOf(tanaka.doc).set('marker', { id: 'marker', text: '確認用', authorName: 'tanaka', authorOrgName: '', createdAt: '' });
    await waitUntil(() => notesOf(yuki.doc).has('marker'));
    // The server handles one connection's frames in order: yuki's own sync after the marker
    // reached her proves her forged update was handled (and dropped) before it.
    await waitUntil(() => yuki.provider.synced);
    expect(notesOf(tanaka.doc).has('forged')).toBe(false);
    expect(notesOf(tanaka.doc).size).toBe(before + 1);
    const stored = new Y.Doc();
    for (const u of (await server.deps.docs.loadUpdates(haruBasic)).updates) Y.applyUpdate(stored, u);
    expect(notesOf(stored).has('forged')).toBe(false);
    expect(notesOf(stored).has('marker')).toBe(true);
    yuki.destroy();
    tanaka.destroy();
  });

  it('the unaffirmed member sees the 支援会議 items once they affirm (and still never tax or DV)', async () => {
    const cookie = await login(server.url, 'suzuki');
    const denied = rawSocket(server.url, miwaBasic, { cookie, ctx: S_ });
    expect((await denied.closed).code).toBe(4404);
    expect((await api(server.url, cookie, 'POST', '/api/meetings/meeting-sasaki-1/affirmation')).status).toBe(200);
    const manifest = await (await api(server.url, cookie, 'GET', `/api/cases/case-sasaki/manifest?ctx=${S_}`)).json();
    expect(manifest.compartments.map((c: { docName: string }) => c.docName).sort()).toEqual([miwaBasic, miwaFinances, yotaReporter, yotaLiving].sort());
    for (const hidden of [miwaTax, miwaWhereabouts]) {
      const s = rawSocket(server.url, hidden, { cookie, ctx: S_ });
      expect((await s.closed).code).toBe(4404);
    }
  });

  it('a compartment is refused when opened under another case’s meeting, or with no context', async () => {
    const cookie = await login(server.url, 'tanaka');
    const wrongCase = rawSocket(server.url, miwaBasic, { cookie, ctx: Y_ });
    expect((await wrongCase.closed).code).toBe(4404);
    expect(wrongCase.frames).toHaveLength(0);
    const noContext = rawSocket(server.url, miwaBasic, { cookie });
    expect((await noContext.closed).code).toBe(4404);
    const unregistered = rawSocket(server.url, 'case/case-yamada/p/p-haru/justice/o/org-shakyo', { cookie, ctx: Y_ });
    expect((await unregistered.closed).code).toBe(4404);
  });
});

/** A y-protocols sync step 1 with an empty state vector: "send me everything". */
function syncStep1(): Uint8Array {
  return new Uint8Array([0, 0, 1, 0]);
}

describe('the household itself is basic information: who may know who lives there', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  const names = async (username: string, caseId: string) => {
    const res = await api(server.url, await login(server.url, username), 'GET', `/api/cases/${caseId}`);
    expect(res.status).toBe(200);
    return (await res.json()).persons.map((p: { name: string }) => p.name).sort();
  };

  it('members of the 重層的支援会議 see the household because ハルさん shares her basic information with all', async () => {
    expect(await names('takahashi', 'case-yamada')).toEqual(['山田 ハル', '山田 健二', '山田 由紀', '山田 茂'].sort());
  });

  it('a designated member who has not affirmed confidentiality in the 支援会議 sees no one', async () => {
    expect(await names('suzuki', 'case-sasaki')).toEqual([]);
  });

  it('once ハルさん withdraws, a member without his own entries sees no one; the facilitator still does', async () => {
    const tanaka = await login(server.url, 'tanaka');
    await api(server.url, tanaka, 'POST', '/api/cases/case-yamada/persons/p-haru/consents', { status: 'withdrawn', method: 'oral', validFrom: null, validUntil: null, scope: [] });
    expect(await names('takahashi', 'case-yamada')).toEqual([]);
    expect(await names('tanaka', 'case-yamada')).toHaveLength(4);
  });
});

describe('consent states are not a side door to the household', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('an unaffirmed member of the 支援会議 learns no one’s name or consent state', async () => {
    const res = await api(server.url, await login(server.url, 'suzuki'), 'GET', '/api/cases/case-sasaki/consents');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([]);
  });
});
