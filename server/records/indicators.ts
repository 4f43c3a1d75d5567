import type { Db } from '../store/db.ts';
import { MEETING_MOMENTS, type Indicators } from '../../shared/api/records.ts';
import { fiscalYearRange, wareki, warekiFiscalYear } from '../../shared/domain/fiscal-year.ts';
import { BUILT_IN_MEETING_KINDS } from '../../shared/domain/meeting-kinds.ts';
import { caseEndsFor } from './case-end-indicators.ts';

/** 策定 / 変更 / 終結 / 中断: the plan stage each meeting moment stands for. */
const STAGE_LABELS: Record<(typeof MEETING_MOMENTS)[number], string> = {
  plan_creation: '策定',
  plan_change: '変更',
  ending: '終結',
  suspension: '中断',
};

/**
 * The figures municipalities report for a fiscal year (DOMAIN.md "Indicators"). Counts only:
 * nothing here identifies a person, so facilitators and administrators (who may not read case
 * content) can both see them.
 *
 * A meeting counts as held once it was opened (state open or closed); it falls in the fiscal
 * year of its scheduled date in Japan time. Timestamps are stored as UTC ISO text, so the year's
 * bounds compare as text.
 */
export async function indicatorsFor(db: Db, fy: number): Promise<Indicators> {
  const { from, to } = fiscalYearRange(fy);
  const kinds = await db.selectFrom('meeting_kinds').selectAll().orderBy('id').execute();
  const kindRows = kinds.length > 0 ? kinds : BUILT_IN_MEETING_KINDS.map((k) => ({ id: k.id, name_ja: k.nameJa, consent_required: k.consentRequired ? 1 : 0 }));
  const consentKinds = new Set(kindRows.filter((k) => k.consent_required === 1).map((k) => k.id));

  const held = await db.selectFrom('meetings').select(['case_id', 'kind_id', 'moment', 'scheduled_at']).where('state', 'in', ['open', 'closed']).execute();
  const inYear = held.filter((m) => m.scheduled_at >= from && m.scheduled_at < to);

  // A case is new to the 重層的支援会議 in the year of its first consent-based meeting ever held.
  const firstConsentMeeting = new Map<string, string>();
  for (const m of held) {
    if (!consentKinds.has(m.kind_id)) continue;
    const first = firstConsentMeeting.get(m.case_id);
    if (first === undefined || m.scheduled_at < first) firstConsentMeeting.set(m.case_id, m.scheduled_at);
  }
  const newJusotekiCases = [...firstConsentMeeting.values()].filter((at) => at >= from && at < to).length;

  const byKind = new Map<string, number>();
  for (const m of inYear) byKind.set(m.kind_id, (byKind.get(m.kind_id) ?? 0) + 1);
  const meetingsByKind = kindRows.map((k) => ({ kindId: k.id, kindName: k.name_ja, count: byKind.get(k.id) ?? 0 }));
  // Meetings of a kind since removed from the configuration still count.
  for (const [kindId, count] of byKind) if (!kindRows.some((k) => k.id === kindId)) meetingsByKind.push({ kindId, kindName: kindId, count });

  const plansByStage = MEETING_MOMENTS.map((stage) => ({ stage, label: STAGE_LABELS[stage], count: inYear.filter((m) => m.moment === stage).length }));

  const consentRows = await db.selectFrom('consent_records').select('status').where('recorded_at', '>=', from).where('recorded_at', '<', to).execute();
  const countStatus = (status: string) => consentRows.filter((r) => r.status === status).length;

  return {
    fy,
    label: warekiFiscalYear(fy),
    from,
    to,
    newJusotekiCases,
    meetingsByKind,
    plansByStage,
    consents: { granted: countStatus('granted'), withdrawn: countStatus('withdrawn'), refused: countStatus('refused') },
    caseEnds: await caseEndsFor(db, fy),
  };
}

/** RFC 4180 field: quoted when it holds a comma, a quote or a line break. */
function field(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads Japanese as Shift_JIS and
 * shows mojibake) and CRLF line ends.
 */
export function indicatorsCsv(ind: Indicators): string {
  const lastDay = new Date(Date.parse(ind.to) - 1).toISOString();
  const rows: (string | number)[][] = [
    ['指標', '区分', '件数'],
    ['対象年度', `${ind.label}（${wareki(ind.from)}〜${wareki(lastDay)}）`, ''],
    ['重層的支援会議で扱った新規ケース数', '', ind.newJusotekiCases],
    ...ind.meetingsByKind.map((k) => ['会議の種類別開催数', k.kindName, k.count]),
    ...ind.plansByStage.map((p) => ['プランの段階別件数', p.label, p.count]),
    ['同意の記録', '同意', ind.consents.granted],
    ['同意の記録', '撤回', ind.consents.withdrawn],
    ['同意の記録', '拒否', ind.consents.refused],
    ['終結したケース数', '', ind.caseEnds.ended.total],
    ...ind.caseEnds.ended.byReason.map((r) => ['終結の理由', r.label, r.count]),
    ['中断したケース数', '', ind.caseEnds.suspended.total],
    ...ind.caseEnds.suspended.byReason.map((r) => ['中断の理由', r.label, r.count]),
    ['中断から再開したケース数', '', ind.caseEnds.resumed],
  ];
  return '\uFEFF' + rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
