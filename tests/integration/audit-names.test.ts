import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api } from '../helpers/http.ts';
import { auditDay, auditLeaks } from '../helpers/audit-day.ts';
import { auditRowText, lookupsFrom } from '../../shared/api/audit-detail.ts';
import type { AuditEntryView, AuditNames } from '../../shared/api/audit.ts';
import { ja } from '../../client/i18n/messages.ts';
import { resolveAuditNames } from '../../server/audit/audit-names.ts';
import type { Db } from '../../server/store/db.ts';
import { formatDate, formatDateTime } from '../../client/i18n/dates.ts';

/**
 * The audit review names whose information was touched (issue 10/11): after a realistic day (a
 * meeting held with a socket opened, consent changed, a guest invited and revoked, a household
 * member added and removed, refused requests), every cell the reviewer reads, on the screen and in
 * the CSV, holds names, Japanese labels and 和暦 only: no id, ISO time, request path or code. A
 * facilitator reviewing their own refused probe of another case is not told what it was.
 */
const tx = (key: string) => (ja as Record<string, string>)[key] ?? key;

/** Each entry as the review screen shows it in Japanese (the same function renders the table). */
function rendered(entries: AuditEntryView[], names: AuditNames) {
  const lookups = lookupsFrom(names, tx('auditDeleted'), { date: (iso) => formatDate(iso, 'ja'), dateTime: (iso) => formatDateTime(iso, 'ja') });
  return entries.map((e) => ({ entry: e, text: Object.values(auditRowText(tx, e, lookups)).join(' | ') }));
}

describe('the audit review names people, cases, meetings and requests', { timeout: 120_000 }, () => {
  let server: TestServer;
  let admin: string, sato: string, ogawa: string;
  let meetingId = '';
  let startSeq = 0;

  const ok = async (res: Response | Promise<Response>, status = 200) => {
    const r = await res;
    expect(r.status, await r.clone().text()).toBe(status);
    return r;
  };

  beforeAll(async () => {
    server = await startTestServer();
    ({ startSeq, meetingId, cookies: { admin, sato, ogawa } } = await auditDay(server));
  });
  afterAll(async () => {
    await server.dispose();
  });

  async function reviewAs(cookie: string) {
    const res = await ok(api(server.url, cookie, 'GET', '/api/audit?limit=500'));
    const page = (await res.json()) as { entries: AuditEntryView[]; names: AuditNames };
    return { ...page, entries: page.entries.filter((e) => e.seq > startSeq) };
  }

  it('the administrator reads every entry of the day by name and label, never by code', async () => {
    const { entries, names } = await reviewAs(admin);
    const rows = rendered(entries, names);
    const actions = new Set(entries.map((e) => e.action));
    for (const a of ['meeting.scheduled', 'meeting.state_changed', 'doc.opened', 'invitation.created', 'invitation.accepted', 'invitation.revoked', 'consent.changed', 'household.changed', 'request.denied']) {
      expect(actions, a).toContain(a);
    }
    for (const { entry, text } of rows) {
      expect(auditLeaks(text), `#${entry.seq} ${entry.action}: ${text}`).toEqual([]);
      // Every key and value of these entries has its own word (「その他」 is for what nobody foresaw).
      expect(text, `#${entry.seq} ${entry.action}`).not.toMatch(/その他/);
    }
    // What the server resolved is itself free of codes.
    expect(auditLeaks(JSON.stringify(Object.values(names).flatMap((m) => Object.values(m))))).toEqual([]);

    const of = (action: string, predicate: (e: AuditEntryView) => boolean = () => true) =>
      rows.filter((r) => r.entry.action === action && predicate(r.entry)).map((r) => r.text);
    const meeting = /第2回 重層的支援会議（重層的支援会議・令和\d+年\d+月\d+日/;
    expect(of('meeting.scheduled')[0]).toMatch(meeting);
    expect(of('meeting.scheduled')[0]).toContain('山田さん世帯 (8050)');
    expect(of('meeting.state_changed').join('\n')).toMatch(/出欠: 利用者=佐藤 健一（.+）, 出席=はい/);
    expect(of('doc.opened', (e) => e.docName === `meeting/${meetingId}`)[0]).toMatch(meeting);
    const compartment = of('doc.opened', (e) => e.docName?.startsWith('case/') === true)[0]!;
    expect(compartment).toMatch(/山田 ハル（本人） \/ 基本情報 \/ .+/);
    expect(compartment).toContain('ケースの作業スペース（山田さん世帯 (8050)）');
    expect(of('invitation.created')[0]).toContain('招待（木村 医師）');
    // The guest acted as themself: named with the organisation made for them.
    expect(of('invitation.accepted')[0]).toMatch(/木村 医師 \| きむら内科/);
    expect(of('consent.changed')[0]).toContain('対象者: 山田 健二（長男）');
    expect(of('consent.changed')[0]).toMatch(/有効期限: 令和9年3月31日/);
    expect(of('household.changed').join('\n')).toContain('削除した世帯員: （削除済み）');
    const denied = of('request.denied').join('\n');
    expect(denied).toMatch(/会議の参加者一覧の閲覧（第2回 重層的支援会議（/);
    expect(denied).toContain('利用者の管理の閲覧');
    expect(denied).toContain('権限がないため拒否');
    expect(denied).toMatch(/要求先: ケースの概要の閲覧 · 結果: 対象が見つからない/);
    expect(denied).toContain('小川 直樹');
  });

  it('the CSV carries the same names, and nothing else', async () => {
    const res = await ok(api(server.url, admin, 'GET', '/api/audit/export.csv'));
    const csv = (await res.text()).replace(/^\uFEFF/, '');
    const day = csv.split('\r\n').filter((line) => Number(/^"(\d+)"/.exec(line)?.[1] ?? 0) > startSeq).join('\n');
    expect(day.split('\n').length).toBeGreaterThanOrEqual(15);
    expect(auditLeaks(day)).toEqual([]);
    for (const name of ['山田さん世帯 (8050)', '第2回 重層的支援会議（重層的支援会議・令和', '招待（木村 医師）', '山田 健二（長男）', '（削除済み）', '会議の参加者一覧の閲覧', '佐藤 健一', '令和']) {
      expect(day, name).toContain(name);
    }
  });

  it('a facilitator reviewing their own refused probe of another case is not told what it was', async () => {
    const { entries, names } = await reviewAs(ogawa);
    const probe = entries.find((e) => e.action === 'request.denied' && e.caseId === 'case-yamada')!;
    expect(probe).toBeTruthy();
    const text = rendered([probe], names)[0]!.text;
    expect(text).toContain('（担当外）');
    expect(JSON.stringify(names)).not.toMatch(/山田/);
    // And their filters offer no case they do not coordinate.
    const filters = (await (await ok(api(server.url, ogawa, 'GET', '/api/audit/filters'))).json()) as { cases: unknown[] };
    expect(filters.cases).toEqual([]);
  });

  it('the filters offer cases by title and users by name; a member gets none', async () => {
    const filters = (await (await ok(api(server.url, admin, 'GET', '/api/audit/filters'))).json()) as { cases: { id: string; title: string }[]; users: { id: string; name: string }[] };
    expect(filters.cases).toContainEqual({ id: 'case-yamada', title: '山田さん世帯 (8050)' });
    expect(filters.users.find((u) => u.id === 'u-admin')?.name).toMatch(/^管理者 一郎（/);
    expect((await api(server.url, sato, 'GET', '/api/audit/filters')).status).toBe(403);
    // Filtering by the chosen case's id still works as before.
    const page = (await (await ok(api(server.url, admin, 'GET', '/api/audit?caseId=case-yamada&limit=500'))).json()) as { entries: AuditEntryView[] };
    expect(page.entries.length).toBeGreaterThan(0);
    expect(page.entries.every((e) => e.caseId === 'case-yamada')).toBe(true);
  });

  it('names are resolved in bulk: the number of queries does not grow with the page', async () => {
    const { entries } = await reviewAs(admin);
    const counted = (): { db: Db; queries: () => number } => {
      let n = 0;
      const db = new Proxy(server.deps.db, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver);
          if (prop !== 'selectFrom') return typeof value === 'function' ? value.bind(target) : value;
          return (...args: unknown[]) => {
            n += 1;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      }) as Db;
      return { db, queries: () => n };
    };
    const few = counted();
    const small = await resolveAuditNames(few.db, entries.slice(0, 20), null);
    const many = counted();
    // Ten times the rows (the same ids again, as in a long page of one day): no more queries.
    const large = await resolveAuditNames(many.db, Array.from({ length: 10 }, () => entries).flat(), null);
    // At most one query per kind of thing (nine kinds), however many rows name them.
    expect(many.queries()).toBeLessThanOrEqual(9);
    // The counting itself works (the small page was resolved by queries too).
    expect(few.queries()).toBeGreaterThan(0);
    expect(Object.keys(large.cases)).toContain('case-yamada');
    expect(Object.keys(small.users).length).toBeGreaterThan(0);
  });
});
