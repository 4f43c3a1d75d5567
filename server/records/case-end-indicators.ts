import type { Db } from '../store/db.ts';
import type { Indicators } from '../../shared/api/records.ts';
import { END_REASONS, SUSPENSION_REASONS } from '../../shared/domain/case-end-reasons.ts';

/**
 * 終結 and 中断 of a fiscal year, as a municipality reports them: how many cases ended and how
 * many were suspended, by reason category, and how many were resumed.
 *
 * - The year is the one of the effective date the coordinator entered (a plain date in Japan),
 *   not of the moment it was typed in: a case ended on 3月31日 and recorded on 4月2日 belongs to
 *   the year that ended.
 * - Each case counts once per state in a year, under the reason of its LAST change to that state
 *   in the year (a case suspended twice in a year is one suspended case). A case suspended and
 *   later ended in the same year counts in both rows, as it went through both.
 * - Every category is listed, zeros too, in the order of shared/domain/case-end-reasons.ts; a
 *   code no longer in the list counts as その他.
 */
export async function caseEndsFor(db: Db, fy: number): Promise<Indicators['caseEnds']> {
  const from = `${fy}-04-01`;
  const to = `${fy + 1}-04-01`;
  const rows = await db
    .selectFrom('case_status_changes')
    .select(['case_id', 'status', 'reason_code', 'effective_date', 'id'])
    .where('effective_date', '>=', from)
    .where('effective_date', '<', to)
    .orderBy('effective_date')
    .orderBy('id')
    .execute();

  const last = { ended: new Map<string, string | null>(), suspended: new Map<string, string | null>() };
  const resumed = new Set<string>();
  for (const r of rows) {
    if (r.status === 'ended' || r.status === 'suspended') last[r.status].set(r.case_id, r.reason_code);
    else if (r.status === 'active') resumed.add(r.case_id);
  }

  const tally = (codes: Map<string, string | null>, reasons: readonly { key: string; ja: string }[]) => {
    const known = new Set(reasons.map((r) => r.key));
    const counts = new Map<string, number>();
    for (const code of codes.values()) {
      const key = code && known.has(code) ? code : 'other';
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return { total: codes.size, byReason: reasons.map((r) => ({ reason: r.key, label: r.ja, count: counts.get(r.key) ?? 0 })) };
  };
  return { ended: tally(last.ended, END_REASONS), suspended: tally(last.suspended, SUSPENSION_REASONS), resumed: resumed.size };
}
