/**
 * Rule 7, a 支援会議 is 非公開 (issue 8), from the attacker's side over raw HTTP: its existence,
 * title, participants and record reach only its designated members and the case's coordinators.
 * Sato (地域包括) and yuki (the family) take part in the Yamada case's 重層的支援会議; the
 * coordinator convenes a 支援会議 of the same case without them. Not one byte of it may reach them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { attackers, type Attacker } from './attacker.ts';

const TITLE = '緊急 支援会議 (長男による経済的虐待の疑い)';

describe('a 支援会議 is shown only to its members and the case’s coordinators', () => {
  let server: TestServer;
  let tanaka: Attacker, takahashi: Attacker, sato: Attacker, yuki: Attacker;
  let meetingId: string;
  beforeAll(async () => {
    server = await startTestServer();
    [tanaka, takahashi, sato, yuki] = await attackers(server.url, ['tanaka', 'takahashi', 'sato', 'yuki'] as const);
    const scheduled = await tanaka.send('POST', '/api/cases/case-yamada/meetings', {
      kindId: 'shien',
      moment: null,
      title: TITLE,
      scheduledAt: '2026-01-15T01:00:00Z',
      participants: [{ userId: 'u-takahashi', role: 'member', personId: null }],
    });
    expect(scheduled.status).toBe(201);
    meetingId = (JSON.parse(scheduled.body) as { id: string }).id;
  });
  afterAll(async () => {
    await server.dispose();
  });

  const outsiders = () => [sato, yuki];

  it('lists, case page and timeline: members and the coordinator see it, other case members not a word', async () => {
    for (const who of [tanaka, takahashi]) {
      expect((await who.send('GET', '/api/cases/case-yamada')).body, who.username).toContain(TITLE);
      expect((await who.send('GET', '/api/cases/case-yamada/timeline')).body, who.username).toContain(meetingId);
    }
    for (const who of outsiders()) {
      for (const path of ['/api/cases', '/api/cases/case-yamada', '/api/cases/case-yamada/timeline', '/api/cases/case-yamada?ctx=meeting:meeting-yamada-1']) {
        const seen = await who.send('GET', path);
        expect(seen.status, `${who.username} ${path}`).toBe(200);
        expect(seen.body, `${who.username} ${path}`).not.toContain(TITLE);
        expect(seen.body, `${who.username} ${path}`).not.toContain(meetingId);
      }
    }
  });

  it('its own doors answer other case members exactly as an unknown meeting does', async () => {
    for (const who of outsiders()) {
      for (const door of ['', '/record', '/minutes.docx', '/decisions/confirmations']) {
        const real = await who.send('GET', `/api/meetings/${meetingId}${door}`);
        const fake = await who.send('GET', `/api/meetings/m-00000000-0000-0000-0000-000000000000${door}`);
        expect(real.status, `${who.username} ${door}`).toBe(404);
        expect(real, `${who.username} ${door}`).toEqual(fake);
      }
      const manifest = await who.send('GET', `/api/cases/case-yamada/manifest?ctx=meeting:${meetingId}`);
      const unknown = await who.send('GET', '/api/cases/case-yamada/manifest?ctx=meeting:m-00000000-0000-0000-0000-000000000000');
      expect(manifest.status).toBe(404);
      expect(manifest).toEqual(unknown);
    }
  });

  it('once held and closed, its record and the search stay closed to them too', async () => {
    expect((await tanaka.send('POST', `/api/meetings/${meetingId}/state`, { state: 'open' })).status).toBe(200);
    expect((await tanaka.send('POST', `/api/meetings/${meetingId}/state`, { state: 'closed' })).status).toBe(200);
    expect((await tanaka.send('GET', '/api/cases/case-yamada/timeline')).body).toContain(TITLE);
    for (const who of outsiders()) {
      expect((await who.send('GET', '/api/cases/case-yamada/timeline')).body).not.toContain(TITLE);
      expect((await who.send('GET', `/api/meetings/${meetingId}/record`)).status).toBe(404);
      const search = await who.send('GET', `/api/search?q=${encodeURIComponent('支援会議')}`);
      expect(search.body).not.toContain(meetingId);
      expect(search.body).not.toContain(TITLE);
      // The case list's "next meeting" never points at it.
      expect((await who.send('GET', '/api/cases')).body).not.toContain(meetingId);
    }
  });
});
