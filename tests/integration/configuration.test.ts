import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';

describe('municipal configuration and the legal basis over time', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('an administrator adds a local meeting kind; others may not; a kind without consent or confidentiality is refused', async () => {
    const admin = await login(server.url, 'admin');
    const kind = { id: 'chiiki_kaigi', nameJa: '地区支援会議', nameEn: 'District support meeting', consentRequired: false, confidentialityRequired: true };
    expect((await api(server.url, await login(server.url, 'tanaka'), 'POST', '/api/meeting-kinds', kind)).status).toBe(403);
    expect((await api(server.url, admin, 'POST', '/api/meeting-kinds', kind)).status).toBe(201);
    expect((await api(server.url, admin, 'POST', '/api/meeting-kinds', kind)).status).toBe(409);
    const open = await api(server.url, admin, 'POST', '/api/meeting-kinds', { ...kind, id: 'anything_goes', confidentialityRequired: false });
    expect(open.status).toBe(400);
    expect((await open.json()).message).toContain('守秘義務');
    const kinds = await (await api(server.url, await login(server.url, 'sato'), 'GET', '/api/meeting-kinds')).json();
    expect(kinds.map((k: { id: string }) => k.id)).toEqual(expect.arrayContaining(['shien', 'jusoteki', 'chiiki_kaigi']));
  });

  it('moving a case to 重層的支援会議 needs the subject’s consent; each change keeps who, when and why', async () => {
    const tanaka = await login(server.url, 'tanaka');
    const refused = await api(server.url, tanaka, 'PUT', '/api/cases/case-sasaki/legal-basis', { basis: 'consent', reason: '本人と面談' });
    expect(refused.status).toBe(409);
    await api(server.url, tanaka, 'POST', '/api/cases/case-sasaki/persons/p-miwa/consents', {
      status: 'granted',
      method: 'written',
      validFrom: null,
      validUntil: null,
      scope: [{ category: 'basic', orgId: '*' }],
    });
    const moved = await api(server.url, tanaka, 'PUT', '/api/cases/case-sasaki/legal-basis', { basis: 'consent', reason: '本人が同意書に署名' });
    expect(moved.status).toBe(200);
    const history = await (await api(server.url, tanaka, 'GET', '/api/cases/case-sasaki/legal-basis')).json();
    expect(history[0]).toMatchObject({ fromBasis: 'support_meeting', toBasis: 'consent', reason: '本人が同意書に署名', changedBy: '田中 美咲' });
    expect((await api(server.url, await login(server.url, 'sato'), 'GET', '/api/cases/case-sasaki/legal-basis')).status).toBe(404);
  });
});
