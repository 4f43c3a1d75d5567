import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginThrottleFromEnv } from '../../server/config.ts';
import type { RunningServer } from '../../server/start.ts';
import { startCluster } from '../helpers/cluster.ts';
import { startPostgresTestServer, startTestServer } from '../helpers/server.ts';
import { api } from '../helpers/http.ts';
import { auditEntries } from '../helpers/frames.ts';

/** The defaults (five free failures per account), with locks long enough that none expires during a test. */
const LONG_LOCKS = { ...loginThrottleFromEnv({}), baseLockMs: 10 * 60_000, maxLockMs: 60 * 60_000 };
/** Five free failures, and the sixth attempt whose failure imposes the first lock: what one-at-a-time guessing gets too. */
const CHECKED = LONG_LOCKS.accountFreeFailures + 1;

const attempt = async (url: string, username: string, password: string) => {
  const res = await api(url, null, 'POST', '/api/auth/login', { username, password });
  return { status: res.status, body: (await res.json()) as { error?: string }, retryAfter: res.headers.get('retry-after') };
};
type Answer = Awaited<ReturnType<typeof attempt>>;

/**
 * The attacker's burst: 30 wrong guesses sent at once (spread over the given nodes); as soon as
 * the first refusal comes back, while the rest are still being answered, the right password.
 * Then, once everything is answered, the right password once more.
 */
async function burst(urls: string[], username: string) {
  const guesses = Array.from({ length: 30 }, (_, i) => attempt(urls[i % urls.length]!, username, `guess-${i}`));
  const firstRefusal = new Promise<boolean>((resolve) => {
    for (const g of guesses) void g.then((a) => a.status === 429 && resolve(true));
    void Promise.all(guesses).then(() => resolve(false));
  });
  // Without the reservation every guess passes the check before any failure is counted: no refusal.
  const refusedDuringBurst = await firstRefusal;
  const hidden = await attempt(urls[0]!, username, 'kasane-demo');
  const answers = await Promise.all(guesses);
  const after = await attempt(urls[urls.length - 1]!, username, 'kasane-demo');
  const count = (status: number) => answers.filter((a: Answer) => a.status === status).length;
  return { refusedDuringBurst, checked: count(401), refused: count(429), hidden: hidden.status, after: after.status, afterBody: after.body };
}

const cases: [string, () => Promise<{ urls: string[]; audited: Parameters<typeof auditEntries>[0]; dispose(): Promise<void> }>][] = [
  [
    'one node on SQLite',
    async () => {
      const s = await startTestServer({ loginThrottle: LONG_LOCKS });
      return { urls: [s.url], audited: s, dispose: () => s.dispose() };
    },
  ],
  [
    'one node on PostgreSQL',
    async () => {
      const s = await startPostgresTestServer({ loginThrottle: LONG_LOCKS });
      return { urls: [s.url], audited: s, dispose: () => s.dispose() };
    },
  ],
  [
    'two nodes on PostgreSQL + Redis, the burst split between them',
    async () => {
      const c = await startCluster(2, { loginThrottle: LONG_LOCKS });
      const [a, b] = c.nodes as [RunningServer, RunningServer];
      return { urls: [a.url, b.url], audited: a, dispose: () => c.dispose() };
    },
  ],
];

describe.each(cases)('parallel sign-in guesses (%s)', (_name, start) => {
  let env: Awaited<ReturnType<(typeof cases)[number][1]>>;
  beforeAll(async () => {
    env = await start();
  });
  afterAll(async () => {
    await env.dispose();
  });

  it('30 guesses at once get the free failures and one more checked; the right password among them is refused, and after them', async () => {
    const known = await burst(env.urls, 'takahashi');
    expect(known.refusedDuringBurst).toBe(true);
    expect({ checked: known.checked, refused: known.refused }).toEqual({ checked: CHECKED, refused: 30 - CHECKED });
    expect(known.hidden).toBe(429);
    expect(known.after).toBe(429);
    expect(known.afterBody).toEqual({ error: 'too_many_attempts', message: expect.stringContaining('ログイン') });
    // A name nobody has: exactly the same answers (no enumeration).
    const unknown = await burst(env.urls, 'dare-mo-inai');
    expect(unknown).toEqual(known);
    // Audited as one at a time would be: one failure per password checked, one lock.
    const failed = await auditEntries(env.audited, 'auth.login_failed');
    expect(failed.filter((e) => e.detail.username === 'takahashi')).toHaveLength(CHECKED);
    expect(failed.filter((e) => e.detail.username === 'dare-mo-inai')).toHaveLength(CHECKED);
    const throttled = (await auditEntries(env.audited, 'auth.login_throttled')).filter((e) => e.detail.username === 'takahashi');
    expect(throttled).toHaveLength(1);
    expect(throttled[0]).toMatchObject({ actorUserId: 'u-takahashi', detail: { scope: 'account' } });
  });

  it('an honest user typing the password wrong twice, then right, signs in; their count starts again', async () => {
    const url = env.urls[env.urls.length - 1]!;
    const typed = [];
    for (const password of ['kasane-dmeo', 'kasane-demo ', 'kasane-demo']) typed.push((await attempt(url, 'suzuki', password)).status);
    expect(typed).toEqual([401, 401, 200]);
    // The burst on other names from this same address did not use up this account's budget, and
    // the sign-in cleared the two typos: five more are free again.
    const later = [];
    for (let i = 0; i < 5; i++) later.push((await attempt(env.urls[i % env.urls.length]!, 'suzuki', `typo-${i}`)).status);
    expect(later).toEqual([401, 401, 401, 401, 401]);
    expect((await attempt(url, 'suzuki', 'kasane-demo')).status).toBe(200);
  });
});
