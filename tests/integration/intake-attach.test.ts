import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { sheet } from '../helpers/intake-sheet.ts';
import { matchHousehold } from '../../server/intake/household-merge.ts';

interface Person {
  id: string;
  name: string;
  relation: string;
  birthDate: string | null;
  kana: string | null;
  isSubject: boolean;
}

/**
 * A second つなぐシート about a household the case already has: its household members join the
 * case's household, each person the case already knows recognised (name in kanji/kana variants
 * and birth date) instead of added twice.
 */
describe('adding a sheet to an existing case merges its household', () => {
  let server: TestServer;
  let tanaka: string;
  let suzuki: string;
  let caseId: string;
  const household = async () => (await (await api(server.url, tanaka, 'GET', `/api/cases/${caseId}/household`)).json()) as { persons: Person[]; partnerships: { personA: string; personB: string; status: string }[] };
  const byName = (persons: Person[], name: string) => persons.filter((p) => p.name.replace(/\s|　/g, '').replace('髙', '高') === name);
  const submit = async (cookie: string, body: unknown) => {
    const res = await api(server.url, cookie, 'POST', '/api/intake/referrals', body);
    expect(res.status).toBe(201);
    return (await res.json()).id as string;
  };

  beforeAll(async () => {
    server = await startTestServer();
    const sato = await login(server.url, 'sato');
    [tanaka, suzuki] = await Promise.all([login(server.url, 'tanaka'), login(server.url, 'suzuki')]);
    // The first sheet: 髙橋 和子, her son 髙橋 浩 (born 1975-06-01) and her separated husband 髙橋 正 (age 78 only).
    const first = await submit(sato, sheet());
    caseId = (await (await api(server.url, tanaka, 'POST', `/api/intake/inbox/${first}/accept`, { title: '髙橋さん世帯' })).json()).caseId;
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('recognises known members by name variant and birth date, fills what the case lacked, adds the rest once', async () => {
    const before = await household();
    expect(before.persons).toHaveLength(3);
    const subject = before.persons.find((p) => p.isSubject)!;
    const referral = await submit(
      suzuki,
      sheet({
        subject: { name: '高橋 和子', kana: 'タカハシ カズコ', sex: 'female', birthDate: '1950-04-02', age: null, address: '', phone: '', contactNote: '' },
        household: [
          // The son, written with the common 高 and a half-width reading: the same person.
          { name: '高橋　浩', kana: 'ﾀｶﾊｼ ﾋﾛｼ', sex: 'male', birthDate: '1975-06-01', age: null, relation: 'child', relationLabel: '長男', deceased: false, notes: '就労支援を希望' },
          // The husband, now with a birth date: the case only knew his age (78), so it is him.
          { name: '髙橋 正', kana: '', sex: 'male', birthDate: '1948-01-10', age: null, relation: 'spouse_separated', relationLabel: '夫', deceased: false, notes: '' },
          // The same name as the son but another birth date: a grandson named after him, a new person.
          { name: '髙橋 浩', kana: 'たかはし ひろし', sex: 'male', birthDate: '2008-09-09', age: null, relation: 'grandchild', relationLabel: '孫', deceased: false, notes: '' },
          { name: '髙橋 みどり', kana: 'たかはし みどり', sex: 'female', birthDate: '2010-05-05', age: null, relation: 'grandchild', relationLabel: '孫', deceased: false, notes: '' },
        ],
      }),
    );
    const view = await (await api(server.url, tanaka, 'GET', `/api/intake/inbox/${referral}`)).json();
    expect(view.duplicates.map((d: { caseId: string }) => d.caseId)).toContain(caseId);

    const res = await api(server.url, tanaka, 'POST', `/api/intake/inbox/${referral}/attach`, { caseId, subjectPersonId: subject.id });
    expect(res.status).toBe(200);
    // The coordinator is told by name who joined the household and who was recognised.
    const told = (await res.json()) as { added: string[]; matched: string[] };
    expect(told.added.sort()).toEqual(['髙橋 みどり', '髙橋 浩'].sort());
    expect(told.matched).toHaveLength(2);
    expect(told.matched.every((n) => /^髙橋 /.test(n) || /^高橋 /.test(n))).toBe(true);
    const after = await household();
    expect(after.persons).toHaveLength(5);
    const sons = byName(after.persons, '高橋浩');
    expect(sons.map((p) => p.birthDate).sort()).toEqual(['1975-06-01', '2008-09-09']);
    expect(sons.find((p) => p.birthDate === '2008-09-09')!.relation).toBe('孫');
    const husband = byName(after.persons, '高橋正');
    expect(husband).toHaveLength(1);
    expect(husband[0]!.birthDate).toBe('1948-01-10'); // filled in from the sheet
    expect(husband[0]!.relation).toBe('夫 (別居)'); // what the case had, unchanged
    expect(byName(after.persons, '高橋みどり')).toHaveLength(1);
    // The separated-spouse partnership was already there: still one.
    expect(after.partnerships.filter((p) => [p.personA, p.personB].includes(husband[0]!.id))).toHaveLength(1);
    // The member's note is filed under the known son, not under a new copy of him.
    const son = sons.find((p) => p.birthDate === '1975-06-01')!;
    const notes = await server.deps.db.selectFrom('compartments').select('doc_name').where('person_id', '=', son.id).where('supplier_org_id', '=', 'org-shogai').execute();
    expect(notes).toHaveLength(1);

    const log = await (await api(server.url, tanaka, 'GET', `/api/audit?action=referral.attached&caseId=${caseId}`)).json();
    expect(log.entries[0].detail.matched.sort()).toEqual([son.id, husband[0]!.id].sort());
    expect(log.entries[0].detail.added).toHaveLength(2);
  });

  it('a sheet about another member relates its new members to that member and recognises the case’s subject', async () => {
    const { persons } = await household();
    const son = persons.find((p) => p.birthDate === '1975-06-01')!;
    const referral = await submit(
      suzuki,
      sheet({
        subject: { name: '髙橋 浩', kana: 'たかはし ひろし', sex: 'male', birthDate: '1975-06-01', age: null, address: '', phone: '', contactNote: '' },
        household: [
          { name: '髙橋 和子', kana: 'たかはし かずこ', sex: 'female', birthDate: '1950-04-02', age: null, relation: 'parent', relationLabel: '母', deceased: false, notes: '' },
          { name: '髙橋 さくら', kana: '', sex: 'female', birthDate: null, age: 45, relation: 'spouse', relationLabel: '妻', deceased: false, notes: '' },
        ],
      }),
    );
    expect((await api(server.url, tanaka, 'POST', `/api/intake/inbox/${referral}/attach`, { caseId, subjectPersonId: son.id })).status).toBe(200);
    const after = await household();
    expect(after.persons).toHaveLength(6); // the mother was known; only the wife is new
    const wife = byName(after.persons, '高橋さくら')[0]!;
    expect(wife.relation).toBe('髙橋 浩の妻');
    expect(after.partnerships).toContainEqual(expect.objectContaining({ personA: son.id, personB: wife.id, status: 'together' }));
  });

  it('refuses to add a sheet to a case that has ended, and its household stays as it was', async () => {
    const { persons } = await household();
    const referral = await submit(
      suzuki,
      sheet({ household: [{ name: '新しい 人', kana: '', sex: 'male', birthDate: '1990-01-01', age: null, relation: 'other', relationLabel: '同居人', deceased: false, notes: '' }] }),
    );
    expect((await api(server.url, tanaka, 'POST', `/api/cases/${caseId}/status`, { status: 'ended', reasonCode: 'handed_over', effectiveDate: '2026-12-03' })).status).toBe(200);
    const res = await api(server.url, tanaka, 'POST', `/api/intake/inbox/${referral}/attach`, { caseId, subjectPersonId: persons[0]!.id });
    expect(res.status).toBe(409);
    expect((await res.json()).message).toMatch(/中断・終結/);
    expect((await household()).persons).toHaveLength(persons.length);
    const mine = await (await api(server.url, suzuki, 'GET', '/api/intake/referrals')).json();
    expect(mine.find((r: { id: string }) => r.id === referral).status).toBe('received'); // still waiting, nothing lost
  });
});

describe('matchHousehold', () => {
  const known = [
    { id: 'a', name: '渡邊 一郎', kana: 'わたなべ いちろう', sex: 'male', age: null, birth_date: '1960-01-01' },
    { id: 'b', name: '渡辺 花', kana: null, sex: 'female', age: 30, birth_date: null },
  ];
  const m = (name: string, extra: Partial<{ kana: string; birthDate: string | null; age: number | null; sex: 'male' | 'female' }>) => ({
    name,
    kana: '',
    sex: 'male' as const,
    birthDate: null,
    age: null,
    relation: 'other' as const,
    relationLabel: '',
    deceased: false,
    notes: '',
    ...extra,
  });
  it('matches on reading alone when the kanji differ, but never across birth dates, sexes or distant ages', () => {
    expect(matchHousehold([m('渡部 一郎', { kana: 'ワタナベ イチロウ', birthDate: '1960-01-01' })], known, '2026-12-03')).toEqual(['a']);
    expect(matchHousehold([m('渡辺 一郎', { birthDate: '1960-01-02' })], known, '2026-12-03')).toEqual([null]);
    expect(matchHousehold([m('渡辺 花', { sex: 'female', age: 31 })], known, '2026-12-03')).toEqual(['b']);
    expect(matchHousehold([m('渡辺 花', { sex: 'female', age: 40 })], known, '2026-12-03')).toEqual([null]);
    expect(matchHousehold([m('渡辺 花', { sex: 'male', age: 30 })], known, '2026-12-03')).toEqual([null]);
    // Two rows, one known person: only the first is her.
    expect(matchHousehold([m('渡辺 花', { sex: 'female', age: 30 }), m('渡辺 花', { sex: 'female', age: 30 })], known, '2026-12-03')).toEqual(['b', null]);
  });
});
