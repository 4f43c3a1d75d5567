/**
 * Property over the derived views (issue 8): narrowing a consent never widens what any user is
 * shown of the household, the legal basis or the consent summary. Played over raw HTTP against
 * a real server: the coordinator records a random consent for ハルさん, then a random narrowing
 * of it (a subset of its scope, or a withdrawal); every other participant's views after are
 * contained in their views before.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { attackers, type Attacker } from './attacker.ts';

const CATEGORIES = ['basic', 'living', 'health', 'finances'] as const;
const ORGS = ['org-houkatsu', 'org-konkyu', 'org-clinic', 'org-shogai', '*'] as const;
const entry = fc.record({ category: fc.constantFrom(...CATEGORIES), orgId: fc.constantFrom(...ORGS) });

interface Views {
  persons: string[];
  legalBasis: string | null;
  /** category|org pairs of every person's consent as this user is shown it. */
  shared: string[];
}

describe('narrowing consent never widens a derived view', () => {
  let server: TestServer;
  let tanaka: Attacker;
  let others: Attacker[];
  beforeAll(async () => {
    server = await startTestServer();
    [tanaka] = await attackers(server.url, ['tanaka'] as const);
    others = [...(await attackers(server.url, ['sato', 'takahashi', 'ito', 'suzuki', 'yuki'] as const))];
  });
  afterAll(async () => {
    await server.dispose();
  });

  const record = async (scope: { category: string; orgId: string }[] | null) => {
    const body = scope
      ? { status: 'granted', method: 'written', validFrom: null, validUntil: null, scope }
      : { status: 'withdrawn', method: null, validFrom: null, validUntil: null, scope: [] };
    expect((await tanaka.send('POST', '/api/cases/case-yamada/persons/p-haru/consents', body)).status).toBe(201);
  };

  const viewsOf = async (who: Attacker): Promise<Views> => {
    const kase = await who.send('GET', '/api/cases/case-yamada?ctx=meeting:meeting-yamada-1');
    const consents = await who.send('GET', '/api/cases/case-yamada/consents');
    expect(kase.status).toBe(200);
    const detail = JSON.parse(kase.body) as { persons: { id: string }[]; legalBasis: string | null };
    const list = JSON.parse(consents.body) as { personId: string; current: { scope: { category: string; orgId: string }[] } | null }[];
    return {
      persons: detail.persons.map((p) => p.id),
      legalBasis: detail.legalBasis,
      shared: list.flatMap((p) => (p.current?.scope ?? []).map((e) => `${p.personId}|${e.category}|${e.orgId}`)),
    };
  };

  it('for random consents and random narrowings, every user’s views after ⊆ before', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(entry, { selector: (e) => `${e.category}|${e.orgId}`, maxLength: 12 }), fc.boolean(), fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), async (wide, withdraw, keep) => {
        await record(wide);
        const before = await Promise.all(others.map(viewsOf));
        await record(withdraw ? null : wide.filter((_, i) => keep[i]));
        const after = await Promise.all(others.map(viewsOf));
        others.forEach((who, i) => {
          const [b, a] = [before[i]!, after[i]!];
          for (const p of a.persons) expect(b.persons, `${who.username} person ${p}`).toContain(p);
          for (const s of a.shared) expect(b.shared, `${who.username} shared ${s}`).toContain(s);
          if (b.legalBasis === null) expect(a.legalBasis, `${who.username} legal basis`).toBeNull();
        });
      }),
      { numRuns: 25 },
    );
  });
});
