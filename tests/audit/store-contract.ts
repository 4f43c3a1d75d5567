import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/store/db.ts';
import type { AuditLogTable } from '../../server/store/schema.ts';
import { KyselyAuditLog } from '../../server/audit/audit-store.ts';
import { GENESIS_HASH, entryHash } from '../../server/audit/hash-chain.ts';
import { verifyAuditChain } from '../../server/audit/verify.ts';
import { toUtcBound } from '../../shared/api/audit.ts';

/**
 * One contract, run against real SQLite and real PostgreSQL. The database is seeded with the demo
 * municipality (case-yamada, coordinated by u-tanaka). Tests never assume an empty log (the server
 * may be recording too): they work relative to the head they find. Tamper tests act as an attacker
 * with direct SQL access, then put the rows back so the next test starts from an intact chain.
 */
export interface ContractTarget {
  db: Db;
  /** Another independent writer on the same database, as a second node would be. */
  otherNode(): Promise<Db>;
  teardown(): Promise<void>;
}

type Row = Omit<AuditLogTable, 'seq'> & { seq: number };

export function auditStoreContract(name: string, setup: () => Promise<ContractTarget>): void {
  describe(name, () => {
    let target: ContractTarget;
    let db: Db;
    let audit: KyselyAuditLog;
    beforeAll(async () => {
      target = await setup();
      db = target.db;
      audit = new KyselyAuditLog(db);
    });
    afterAll(async () => {
      await target?.teardown();
    });

    const rowsFrom = async (seq: number): Promise<Row[]> =>
      (await db.selectFrom('audit_log').selectAll().where('seq', '>=', seq).orderBy('seq').execute()).map((r) => ({ ...r, seq: Number(r.seq) }));
    const row = async (seq: number): Promise<Row> => (await rowsFrom(seq))[0]!;
    const restore = async (...rows: Row[]) => {
      for (const r of rows) {
        await db.deleteFrom('audit_log').where('seq', '=', r.seq).execute();
        await db.insertInto('audit_log').values(r).execute();
      }
      expect((await audit.verify()).ok).toBe(true);
    };
    /** Appends n events and returns their seqs. */
    const append = async (n: number, tag: string): Promise<number[]> => {
      const before = (await audit.head())?.seq ?? 0;
      await Promise.all(Array.from({ length: n }, (_, i) => audit.record({ actorUserId: 'u-sato', action: 'doc.opened', docName: `${tag}/${i}`, detail: { i } })));
      return Array.from({ length: n }, (_, i) => before + 1 + i);
    };

    it('200 concurrent appends form one unbroken chain, in call order', async () => {
      const before = await audit.head();
      await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          audit.record({ actorUserId: 'u-tanaka', action: 'doc.opened', caseId: 'case-yamada', docName: `concurrent/${i}`, detail: { i, reason: 'allowed' } }),
        ),
      );
      const rows = await rowsFrom((before?.seq ?? 0) + 1);
      expect(rows).toHaveLength(200);
      let prev = before?.hash ?? GENESIS_HASH;
      rows.forEach((r, i) => {
        expect(r.seq).toBe((before?.seq ?? 0) + 1 + i);
        expect(r.prev_hash).toBe(prev);
        expect(JSON.parse(r.detail_json)).toEqual({ i, reason: 'allowed' }); // the queue keeps call order
        const detail = JSON.parse(r.detail_json);
        expect(r.hash).toBe(entryHash(prev, { seq: r.seq, at: r.at, actorUserId: r.actor_user_id, action: r.action, caseId: r.case_id, docName: r.doc_name, detail }));
        prev = r.hash;
      });
      const result = await audit.verify();
      expect(result).toEqual({ ok: true, count: rows.at(-1)!.seq, head: { seq: rows.at(-1)!.seq, hash: prev } });
      // Paging must not matter: a page size that splits the chain oddly gives the same answer.
      expect(await new KyselyAuditLog(db, { verifyPageSize: 7 }).verify()).toEqual(result);
    });

    it('two independent writers (two nodes) appending at once never fork the chain', async () => {
      const other = new KyselyAuditLog(await target.otherNode());
      const before = (await audit.head())?.seq ?? 0;
      const write = (log: KyselyAuditLog, who: string) =>
        Array.from({ length: 60 }, (_, i) => log.record({ actorUserId: null, action: 'doc.denied', detail: { who, i } }));
      await Promise.all([...write(audit, 'a'), ...write(other, 'b')]);
      const rows = await rowsFrom(before + 1);
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 120 }, (_, i) => before + 1 + i));
      expect(await audit.verify()).toMatchObject({ ok: true, count: before + 120 });
    });

    it('a bad event is rejected to the caller and does not stall the events queued behind it', async () => {
      const bad = audit.record({ actorUserId: null, action: 'no.such' as never });
      const nan = audit.record({ actorUserId: null, action: 'doc.denied', detail: { count: Number.NaN } });
      const good = audit.record({ actorUserId: null, action: 'doc.denied', detail: { ok: 1 } });
      await expect(bad).rejects.toThrow(/unknown action/);
      await expect(nan).rejects.toThrow(/not representable/);
      await expect(good).resolves.toBeUndefined();
      expect((await audit.verify()).ok).toBe(true);
    });

    it('an edited detail_json is reported at that seq', async () => {
      const [, target1] = await append(5, 'edit');
      const original = await row(target1!);
      await sql`update audit_log set detail_json = ${'{"i":999}'} where seq = ${target1}`.execute(db);
      expect(await audit.verify()).toMatchObject({ ok: false, brokenAtSeq: target1, reason: expect.stringContaining('edited') });
      // Same content, different spelling: also caught (stored canonically).
      await sql`update audit_log set detail_json = ${'{ "i": 1 }'} where seq = ${target1}`.execute(db);
      expect(await audit.verify()).toMatchObject({ ok: false, brokenAtSeq: target1 });
      await restore(original);
    });

    it('an edited row whose own hash the attacker recomputed is reported at the next seq', async () => {
      const [, seq] = await append(4, 'rehash');
      const original = await row(seq!);
      const forged = { seq: seq!, at: original.at, actorUserId: 'u-admin', action: original.action, caseId: original.case_id, docName: original.doc_name, detail: { i: 1 } };
      await db.updateTable('audit_log').set({ actor_user_id: 'u-admin', hash: entryHash(original.prev_hash, forged) }).where('seq', '=', seq!).execute();
      expect(await audit.verify()).toMatchObject({ ok: false, brokenAtSeq: seq! + 1, reason: expect.stringContaining('prev_hash') });
      await restore(original);
    });

    it('a deleted middle row is reported', async () => {
      const [, , seq] = await append(5, 'delete');
      const original = await row(seq!);
      await sql`delete from audit_log where seq = ${seq}`.execute(db);
      expect(await audit.verify()).toMatchObject({ ok: false, brokenAtSeq: seq, reason: expect.stringContaining('missing') });
      await restore(original);
    });

    it('two rows with their contents swapped are reported', async () => {
      const [, a, b] = await append(4, 'swap');
      const [ra, rb] = [await row(a!), await row(b!)];
      const content = ({ seq: _s, ...rest }: Row) => rest;
      await db.updateTable('audit_log').set(content(rb)).where('seq', '=', a!).execute();
      await db.updateTable('audit_log').set(content(ra)).where('seq', '=', b!).execute();
      expect(await audit.verify()).toMatchObject({ ok: false, brokenAtSeq: a });
      await restore(ra, rb);
    });

    it('a cut-off tail passes the chain check alone but not against a head recorded earlier', async () => {
      await append(3, 'tail');
      const head = (await audit.head())!;
      const removed = await rowsFrom(head.seq - 2);
      await db.deleteFrom('audit_log').where('seq', '>=', head.seq - 2).execute();
      expect((await audit.verify()).ok).toBe(true); // documented limitation
      expect(await verifyAuditChain(db, { expectHead: head })).toMatchObject({ ok: false, reason: expect.stringContaining('removed') });
      await restore(...removed);
      expect(await verifyAuditChain(db, { expectHead: head })).toMatchObject({ ok: true });
    });

    it('query filters by case, actor, action and period, newest first, with paging', async () => {
      const run = randomBytes(4).toString('hex');
      const otherCase = `case-other-${run}`;
      await db.insertInto('cases').values({ id: otherCase, title: '別ケース', coordinator_user_id: 'u-admin', legal_basis: 'consent', created_at: new Date().toISOString() }).execute();
      // A clock in 2020 so the period filter sees exactly these entries; one per Japan-time day.
      let day = 0;
      const clocked = new KyselyAuditLog(db, { now: () => new Date(Date.UTC(2020, 0, 1 + day++, 1, 0, 0)) });
      const events = [
        { actorUserId: 'u-sato', action: 'doc.opened', caseId: 'case-yamada' }, // 2020-01-01 10:00 JST
        { actorUserId: 'u-tanaka', action: 'consent.changed', caseId: 'case-yamada' }, // 01-02
        { actorUserId: 'u-admin', action: 'doc.opened', caseId: otherCase }, // 01-03
        { actorUserId: 'u-tanaka', action: 'doc.denied', caseId: otherCase }, // 01-04
        { actorUserId: 'u-sato', action: 'doc.denied', caseId: 'case-yamada' }, // 01-05
      ] as const;
      for (const e of events) await clocked.record({ ...e, detail: { run } });
      const mine = async (f: Partial<Parameters<KyselyAuditLog['query']>[0]>) =>
        (await audit.query({ limit: 500, ...f })).filter((e) => e.detail.run === run).map((e) => `${e.actorUserId}:${e.action}:${e.at.slice(0, 10)}`);

      const all = await mine({});
      expect(all).toEqual(['u-sato:doc.denied:2020-01-05', 'u-tanaka:doc.denied:2020-01-04', 'u-admin:doc.opened:2020-01-03', 'u-tanaka:consent.changed:2020-01-02', 'u-sato:doc.opened:2020-01-01']);
      expect(await mine({ caseId: otherCase })).toEqual([all[1], all[2]]);
      expect(await mine({ actorUserId: 'u-sato' })).toEqual([all[0], all[4]]);
      expect(await mine({ action: 'doc.denied' })).toEqual([all[0], all[1]]);
      expect(await mine({ from: toUtcBound('2020-01-02', 'from'), to: toUtcBound('2020-01-04', 'to') })).toEqual([all[1], all[2], all[3]]);
      expect(await mine({ from: toUtcBound('2020-01-03T10:00:00+09:00', 'from'), to: toUtcBound('2020-01-04T10:00:00+09:00', 'to') })).toEqual([all[1], all[2]]);
      expect(await mine({ caseId: 'case-yamada', actorUserId: 'u-sato', action: 'doc.opened' })).toEqual([all[4]]);
      // The facilitator of case-yamada: its entries plus their own elsewhere, not the admin's.
      expect(await mine({ visibleToCoordinator: 'u-tanaka' })).toEqual([all[0], all[1], all[3], all[4]]);

      // Keyset paging: the next page starts below the last seq seen. (2020 holds only this run's entries.)
      const period = { caseId: 'case-yamada', from: '2020-01-01T00:00:00.000Z', to: '2021-01-01T00:00:00.000Z' };
      const page1 = await audit.query({ ...period, limit: 2 });
      expect(page1.map((e) => e.actorName)).toEqual(['佐藤 健一', '田中 美咲']);
      expect(page1[0]!.seq).toBeGreaterThan(page1[1]!.seq);
      const page2 = await audit.query({ ...period, limit: 2, beforeSeq: page1[1]!.seq });
      expect(page2.map((e) => `${e.actorUserId}:${e.action}`)).toEqual(['u-sato:doc.opened']);
      expect((await audit.query({ limit: 1, actorUserId: 'u-admin' }))[0]!.actorName).toBe('管理者 一郎');
      expect((await audit.verify()).ok).toBe(true);
    });
  });
}
