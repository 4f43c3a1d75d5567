import type { Deps } from '../deps.ts';
import { KyselyAuditLog } from '../audit/audit-store.ts';
import { fiscalYearOf, fiscalYearRange } from '../../shared/domain/fiscal-year.ts';
import { meetingDocName } from '../../shared/policy/compartment-name.ts';
import { loadSettings } from './settings-store.ts';

/**
 * Enforcing the municipality's retention periods (settings: 会議記録の保存年数, 監査ログの保存年数).
 *
 * Periods are counted as Japanese public records are (公文書の保存期間, 文書管理規程): from April
 * 1st of the fiscal year AFTER the one in which the file was completed (完結). With N years, what
 * was completed in fiscal year f is removed on April 1st of f + 1 + N (Japan time).
 *
 * - Meeting records: a case's file is complete when the case ends (終結), so the period runs from
 *   the 終結 date the coordinator recorded. Until then (active or suspended: a suspended case may
 *   resume) its records are kept whatever their age. Removed per closed meeting: the frozen
 *   snapshots and their search text, annotations, attendance, confirmed decisions, the record
 *   details and basis, the keepers' copies, and the live meeting document (minutes, agenda).
 *   Kept: that the meeting took place (kind, date, state, who was designated), so the fiscal-year
 *   indicators of past years do not change, and a tombstone in purged_records saying when and
 *   under which setting the record went. The case itself (household, consent history, its
 *   compartments) is not removed here.
 * - Audit entries: each entry on its own, from its date. Only the oldest entries go, keeping the
 *   hash chain verifiable from an anchor (KyselyAuditLog.purgeBefore, verify.ts).
 *
 * Every removal is itself audited (records.purged per case, audit.purged per run).
 */

export interface RetentionResult {
  /** Closed meetings whose records were removed. */
  meetingIds: string[];
  auditRemoved: number;
}

/** The first instant that is NOT yet past an N-year period, for things dated by fiscal year. */
export function retentionCutoff(now: Date, years: number): { date: string; instant: string } {
  const fy = fiscalYearOf(now.toISOString()) - years;
  return { date: `${fy}-04-01`, instant: fiscalYearRange(fy).from };
}

export async function enforceRetention(deps: Deps, now = new Date()): Promise<RetentionResult> {
  const settings = await loadSettings(deps.db);
  const meetingIds = await purgeRecords(deps, now, settings.recordRetentionYears);
  let auditRemoved = 0;
  // Only the real store can purge; a test double that cannot simply keeps everything.
  if (deps.audit instanceof KyselyAuditLog) {
    const cutoff = retentionCutoff(now, settings.auditRetentionYears);
    auditRemoved = await deps.audit.purgeBefore(cutoff.instant, { retentionYears: settings.auditRetentionYears });
  }
  return { meetingIds, auditRemoved };
}

async function purgeRecords(deps: Deps, now: Date, years: number): Promise<string[]> {
  const { db } = deps;
  const cutoff = retentionCutoff(now, years).date;
  // A case is ended when its newest status change says so (終結 is final: nothing follows it).
  const ends = await db
    .selectFrom('case_status_changes as c')
    .select(['c.case_id', 'c.effective_date'])
    .where('c.status', '=', 'ended')
    .where('c.effective_date', '<', cutoff)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('case_status_changes as later').select('later.id').whereRef('later.case_id', '=', 'c.case_id').whereRef('later.id', '>', 'c.id'))),
    )
    .execute();
  const purged: string[] = [];
  for (const end of ends) {
    const meetings = await db
      .selectFrom('meetings')
      .select('id')
      .where('case_id', '=', end.case_id)
      .where('state', '=', 'closed')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('purged_records').select('meeting_id').whereRef('purged_records.meeting_id', '=', 'meetings.id'))))
      .orderBy('id')
      .execute();
    if (meetings.length === 0) continue;
    const at = now.toISOString();
    for (const { id } of meetings) {
      await db.transaction().execute(async (trx) => {
        // The tombstone first: the immutability triggers let the DELETEs below through only for it.
        await trx.insertInto('purged_records').values({ meeting_id: id, case_id: end.case_id, purged_at: at, retention_years: years, case_ended_on: end.effective_date }).execute();
        for (const table of [
          'record_text_fts',
          'meeting_snapshots',
          'meeting_annotations',
          'meeting_record_basis',
          'record_keeper_copies',
          'meeting_record_details',
          'decision_confirmations',
          'meeting_attendance',
          'meeting_records',
        ] as const) {
          await trx.deleteFrom(table).where('meeting_id', '=', id).execute();
        }
        await trx.deleteFrom('doc_updates').where('doc_name', '=', meetingDocName(id)).execute();
      });
      purged.push(id);
    }
    await deps.audit.record({
      actorUserId: null,
      action: 'records.purged',
      caseId: end.case_id,
      detail: { meetingIds: meetings.map((m) => m.id), caseEndedOn: end.effective_date, retentionYears: years },
    });
  }
  return purged;
}

/**
 * Runs at start and then once a day; a failed run is logged and tried again the next day.
 * idle() resolves once the run in progress (if any) is over, so a server can stop cleanly.
 */
export function startRetentionJob(deps: Deps, intervalMs = 24 * 3600_000): { stop(): void; idle(): Promise<void> } {
  let current: Promise<void> = Promise.resolve();
  const run = () => {
    current = enforceRetention(deps).then(
      (r) => {
        if (r.meetingIds.length || r.auditRemoved) console.log(`[retention] removed ${r.meetingIds.length} meeting records, ${r.auditRemoved} audit entries`);
      },
      (error) => console.error('[retention] run failed:', error),
    );
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), idle: () => current };
}
