/**
 * Rule 5, nothing is created before it is allowed (issue 8), from the attacker's side over raw
 * HTTP: a refused creation leaves no row and no trace on anybody's board, organisation ids must
 * exist, and every creation is audited once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { attackers, type Attacker } from './attacker.ts';

const YAMADA_MEETING = 'meeting:meeting-yamada-1';
const label = (personId: string, extra: Record<string, unknown> = {}) => ({ personId, category: 'living', allowOrgIds: null, notToPerson: false, ...extra });

describe('a compartment exists only once its author may write it', () => {
  let server: TestServer;
  let tanaka: Attacker, sato: Attacker, ito: Attacker, yuki: Attacker;
  beforeAll(async () => {
    server = await startTestServer();
    [tanaka, sato, ito, yuki] = await attackers(server.url, ['tanaka', 'sato', 'ito', 'yuki'] as const);
  });
  afterAll(async () => {
    await server.dispose();
  });

  const compartmentsOf = (caseId: string) => server.deps.db.selectFrom('compartments').select('doc_name').where('case_id', '=', caseId).execute();
  const manifest = async (who: Attacker, caseId: string, ctx: string) => JSON.parse((await who.send('GET', `/api/cases/${caseId}/manifest?ctx=${ctx}`)).body) as { compartments: { docName: string }[] };

  it('30 attempts by an outsider on another case: 30 refusals, no phantom compartment on the coordinator’s board', async () => {
    const before = await compartmentsOf('case-sasaki');
    const boardBefore = await manifest(tanaka, 'case-sasaki', 'meeting:meeting-sasaki-1');
    for (let i = 0; i < 30; i++) {
      const seen = await ito.send('POST', '/api/cases/case-sasaki/compartments', {
        ctx: i % 2 ? 'meeting:meeting-sasaki-1' : 'workspace:case-sasaki',
        label: label(i % 3 ? 'p-miwa' : 'p-yota', { category: i % 2 ? 'living' : 'health' }),
      });
      expect(seen.status).toBe(404);
    }
    expect(await compartmentsOf('case-sasaki')).toEqual(before);
    expect(await manifest(tanaka, 'case-sasaki', 'meeting:meeting-sasaki-1')).toEqual(boardBefore);
  });

  it('a family member who may only read: 403, and the compartment was never stored', async () => {
    const before = await compartmentsOf('case-yamada');
    const seen = await yuki.send('POST', '/api/cases/case-yamada/compartments', { ctx: YAMADA_MEETING, label: label('p-yuki') });
    expect(seen.status).toBe(403);
    expect(await compartmentsOf('case-yamada')).toEqual(before);
    expect((await manifest(sato, 'case-yamada', YAMADA_MEETING)).compartments.map((c) => c.docName).filter((d) => d.includes('org-residents'))).toEqual([]);
  });

  it('an allow-list naming an organisation that does not exist: 400 unknown_organisation, nothing stored', async () => {
    const before = await compartmentsOf('case-yamada');
    const seen = await sato.send('POST', '/api/cases/case-yamada/compartments', { ctx: YAMADA_MEETING, label: label('p-haru', { allowOrgIds: ['org-shakyo', 'org-ghost'] }) });
    expect(seen.status).toBe(400);
    expect(JSON.parse(seen.body)).toMatchObject({ error: 'unknown_organisation' });
    expect(JSON.parse(seen.body).message).toContain('org-ghost');
    expect(await compartmentsOf('case-yamada')).toEqual(before);
  });

  it('a consent scope naming an organisation that does not exist: 400 unknown_organisation, no record', async () => {
    const count = async () => (await server.deps.db.selectFrom('consent_records').select('id').where('case_id', '=', 'case-yamada').execute()).length;
    const before = await count();
    const seen = await tanaka.send('POST', '/api/cases/case-yamada/persons/p-haru/consents', {
      status: 'granted',
      method: 'written',
      validFrom: null,
      validUntil: null,
      scope: [{ category: 'basic', orgId: 'org-ghost' }],
    });
    expect(seen.status).toBe(400);
    expect(JSON.parse(seen.body)).toMatchObject({ error: 'unknown_organisation' });
    expect(await count()).toBe(before);
  });

  it('an allowed creation is stored, audited once, and asking again creates nothing new', async () => {
    const body = { ctx: YAMADA_MEETING, label: label('p-haru', { allowOrgIds: ['org-shakyo'] }) };
    const first = await sato.send('POST', '/api/cases/case-yamada/compartments', body);
    expect(first.status).toBe(200);
    const { docName } = JSON.parse(first.body) as { docName: string };
    const again = await sato.send('POST', '/api/cases/case-yamada/compartments', body);
    expect(JSON.parse(again.body)).toEqual({ docName });
    const audited = await server.deps.db.selectFrom('audit_log').select(['actor_user_id', 'doc_name']).where('action', '=', 'compartment.created').where('doc_name', '=', docName).execute();
    expect(audited).toEqual([{ actor_user_id: 'u-sato', doc_name: docName }]);
    expect((await compartmentsOf('case-yamada')).filter((c) => c.doc_name === docName)).toHaveLength(1);
  });
});
