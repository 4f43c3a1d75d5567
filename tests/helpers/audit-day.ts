/**
 * A realistic day in the demo's audit log, through the API as the people would do it (shared by
 * tests/integration/audit-names.test.ts and tests/e2e/audit-screen.test.ts): a meeting scheduled,
 * held with a member's socket and attendance, and closed; a compartment opened in the
 * coordinator's workspace; a guest invited, joining and revoked; consent changed; a household
 * member added and removed again (so it no longer exists); and three refused requests (a member
 * outside the meeting, a member at administration, another facilitator at the case).
 */
import { expect } from 'vitest';
import type { TestServer } from './server.ts';
import { api, login } from './http.ts';
import { waitUntil, yClient } from './ws.ts';
import { docOf } from './scenario.ts';
import { leakedCodes } from '../records/leaks.ts';
import { hashPassword } from '../../server/auth/password.ts';
import type { AuditEntryView } from '../../shared/api/audit.ts';

export const MEETING_TITLE = '第2回 重層的支援会議';
export const CASE_TITLE = '山田さん世帯 (8050)';

export interface AuditDay {
  /** The last entry before the day began: the day's entries have a higher seq. */
  startSeq: number;
  meetingId: string;
  cookies: Record<'admin' | 'tanaka' | 'sato' | 'suzuki' | 'ogawa', string>;
}

/** leakedCodes (ids of the demo data, ISO times, keys, enum values) and what the audit adds. */
export function auditLeaks(text: string): string[] {
  const all = (re: RegExp) => [...text.matchAll(re)].map((m) => m[0]);
  return [
    ...leakedCodes(text),
    ...all(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi), // UUIDs
    ...all(/\/api\/\S*|\b(?:cases|meetings)\/\S+/g), // request paths
    // Action and reason codes (consent.changed, not_participant); a link someone typed is no code.
    ...all(/(?<![\w/.:-])(?:[a-z]+(?:\.[a-z]+)*_[a-z_]+|[a-z]+\.[a-z_]+)\b/g),
    ...all(/\b[a-z][a-zA-Z]+: /g), // an English key before its value
    ...all(/undefined|\[object Object\]|NaN/g),
  ];
}

const ok = async (res: Response | Promise<Response>, status = 200) => {
  const r = await res;
  expect(r.status, await r.clone().text()).toBe(status);
  return r;
};

export async function auditDay(server: TestServer): Promise<AuditDay> {
  // A second facilitator, of another agency, who coordinates none of the demo's cases.
  await server.deps.db
    .insertInto('users')
    .values({ id: 'u-ogawa', username: 'ogawa', password_hash: await hashPassword('kasane-demo'), display_name: '小川 直樹', org_id: 'org-konkyu', role: 'facilitator', created_at: new Date().toISOString() })
    .execute();
  const [admin, tanaka, sato, suzuki, ogawa] = await Promise.all(['admin', 'tanaka', 'sato', 'suzuki', 'ogawa'].map((u) => login(server.url, u)));
  const head = (await (await api(server.url, admin!, 'GET', '/api/audit?limit=1')).json()) as { entries: { seq: number }[] };
  const startSeq = head.entries[0]!.seq;

  // A meeting is scheduled, held (with a member's socket and attendance) and closed.
  const scheduled = await ok(
    api(server.url, tanaka!, 'POST', '/api/cases/case-yamada/meetings', {
      kindId: 'jusoteki',
      moment: null,
      title: MEETING_TITLE,
      scheduledAt: new Date(Date.now() + 3600_000).toISOString(),
      participants: [{ userId: 'u-sato', role: 'member' }],
    }),
    201,
  );
  const meetingId = ((await scheduled.json()) as { id: string }).id;
  await ok(api(server.url, tanaka!, 'POST', `/api/meetings/${meetingId}/state`, { state: 'open' }));
  await ok(api(server.url, tanaka!, 'POST', `/api/meetings/${meetingId}/attendance`, { userId: 'u-sato', present: true }));
  const board = yClient(server.url, `meeting/${meetingId}`, sato!);
  const basic = yClient(server.url, docOf('p-haru', 'basic', 'org-shakyo'), tanaka!, 'workspace:case-yamada');
  await Promise.all([board.synced(), basic.synced()]);

  // A guest is invited by link, joins, and is revoked.
  const invited = await ok(api(server.url, tanaka!, 'POST', `/api/meetings/${meetingId}/invitations`, { role: 'guest', displayName: '木村 医師', affiliation: 'きむら内科', mode: 'password' }), 201);
  const { invitation, link } = (await invited.json()) as { invitation: { id: string }; link: string };
  await ok(
    fetch(`${server.url}/api/meeting-invitations/${link.replace('/join/', '')}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ password: 'correct horse battery staple' }),
    }),
  );
  await ok(api(server.url, tanaka!, 'DELETE', `/api/meetings/${meetingId}/invitations/${invitation.id}`));

  // Consent changes; a household member is added and removed again (then no longer exists).
  const consent = { status: 'granted', method: 'written', validFrom: null, validUntil: '2027-03-31', scope: [{ category: 'basic', orgId: 'org-houkatsu' }] };
  await ok(api(server.url, tanaka!, 'POST', '/api/cases/case-yamada/persons/p-kenji/consents', consent), 201);
  const added = await ok(api(server.url, tanaka!, 'POST', '/api/cases/case-yamada/household/persons', { name: '山田 一時', relation: '孫', sex: 'male' }), 201);
  const temp = ((await added.json()) as { persons: { id: string; name: string }[] }).persons.find((p) => p.name === '山田 一時')!;
  await ok(api(server.url, tanaka!, 'DELETE', `/api/cases/case-yamada/household/persons/${temp.id}`));

  // Refused requests: a member outside the meeting, a member at administration, another facilitator at the case.
  expect((await api(server.url, suzuki!, 'GET', `/api/meetings/${meetingId}/participants`)).status).toBe(404);
  expect((await api(server.url, sato!, 'GET', '/api/admin/users')).status).toBe(403);
  expect((await api(server.url, ogawa!, 'GET', '/api/cases/case-yamada')).status).toBe(404);

  await ok(api(server.url, tanaka!, 'POST', `/api/meetings/${meetingId}/state`, { state: 'closed' }));
  await waitUntil(() => board.closes.length > 0, 5000, 'the board socket closes with the meeting');
  board.destroy();
  basic.destroy();
  // Denials are audited after the response: wait for the last ones to land (the positive marker).
  await waitUntil(
    async () => {
      const page = (await (await api(server.url, admin!, 'GET', '/api/audit?action=request.denied&limit=10')).json()) as { entries: AuditEntryView[] };
      return page.entries.filter((e) => e.seq > startSeq).length >= 3;
    },
    5000,
    'three denials audited',
  );
  return { startSeq, meetingId, cookies: { admin: admin!, tanaka: tanaka!, sato: sato!, suzuki: suzuki!, ogawa: ogawa! } };
}
