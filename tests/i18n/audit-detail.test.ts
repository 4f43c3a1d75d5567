import { describe, expect, it } from 'vitest';
import { detailSummary, lookupsFrom } from '../../shared/api/audit-detail.ts';
import { ja } from '../../client/i18n/messages.ts';
import { formatDate, formatDateTime } from '../../client/i18n/dates.ts';
import type { AuditEntryView, AuditNames } from '../../shared/api/audit.ts';
import { auditRowText } from '../../shared/api/audit-detail.ts';
import { auditLeaks } from '../helpers/audit-day.ts';

/** The audit review's detail column as a Japanese reviewer reads it: words and 和暦, no codes. */
const tx = (key: string) => (ja as Record<string, string>)[key] ?? key;
const page: AuditNames = {
  cases: {},
  persons: {},
  meetings: { 'm-1': '第1回 支援会議' },
  users: { 'u-1': { name: '山本 進', org: '' } },
  orgs: { 'org-shakyo': 'みどり市社会福祉協議会' },
  invitations: {},
  kinds: { shien: '支援会議' },
  referrals: {},
  consentRecords: {},
};
const names = lookupsFrom(page, tx('auditDeleted'), { date: (iso) => formatDate(iso, 'ja'), dateTime: (iso) => formatDateTime(iso, 'ja') });
const entry = (action: string, detail: Record<string, unknown>): AuditEntryView => ({ seq: 1, at: '2026-12-04T00:00:00.000Z', actorUserId: null, actorName: null, action, caseId: null, docName: null, detail, hash: '' });

describe('audit entry details', () => {
  it('a scheduled meeting: its kind by name and its time in 和暦, keys in Japanese', () => {
    const text = detailSummary(tx, entry('meeting.scheduled', { meetingId: 'm-1', kindId: 'shien', moment: null, scheduledAt: '2026-12-05T05:00:00.000Z', participants: 1 }), names);
    expect(text).toBe('会議: 第1回 支援会議 · 会議の種類: 支援会議 · 開催時期: — · 開催日時: 令和8年12月5日(土) 14:00 · 参加者数: 1');
  });

  it('a 支援決定: the legal bases by name and the decision date in 和暦', () => {
    const text = detailSummary(tx, entry('support_decision.recorded', { decidedOn: '2026-12-04', from: 'support_meeting', to: 'consent' }), names);
    expect(text).toContain('変更前: 支援会議 (本人同意なし)');
    expect(text).toContain('変更後: 重層的支援会議 (本人同意あり)');
    expect(text).toContain('決定日: 令和8年12月4日(金)');
  });

  it('a つなぐシート and an invitation: the variant, the addressee and the sign-in method in words', () => {
    expect(detailSummary(tx, entry('referral.submitted', { toOrgId: 'org-shakyo', variant: 'not_given' }), names)).toBe('宛先: みどり市社会福祉協議会 · 同意: 本人同意なし');
    expect(detailSummary(tx, entry('invitation.created', { mode: 'password' }), names)).toBe('ログイン方法: パスワードを設定してもらう');
  });

  it('a nested value reads like a top-level one', () => {
    const text = detailSummary(tx, entry('meeting.state_changed', { meetingId: 'm-1', attendance: { userId: 'u-1', present: true } }), names);
    expect(text).toBe('会議: 第1回 支援会議 · 出欠: 利用者=山本 進, 出席=はい');
  });

  it('an id nobody can name reads 「（削除済み）」; a path nobody described reads 「その他の操作」; neither as itself', () => {
    const gone = detailSummary(tx, entry('participant.removed', { meetingId: 'meeting-gone', userId: 'u-gone' }), names);
    expect(gone).toBe('会議: （削除済み） · 利用者: （削除済み）');
    const odd = detailSummary(tx, entry('request.denied', { method: 'GET', path: '/api/nowhere/x-1', status: 404 }), names);
    expect(odd).toBe('要求先: その他の操作 · 結果: 対象が見つからない（または非公開）');
    const unknown = detailSummary(tx, entry('doc.opened', { fancyNewKey: 'some_code', context: 'workspace:case-x' }), names);
    expect(unknown).toBe('場面: ケースの作業スペース（（削除済み）） · その他: その他');
    expect(auditLeaks([gone, odd, unknown].join('\n'))).toEqual([]);
  });

  // Every kind of entry the server writes, with the details it writes (beyond the integration
  // test's realistic day): each reads without a code and with a word for every key and value.
  const everyKind: [string, Record<string, unknown>, Partial<AuditEntryView>?][] = [
    ['auth.login_throttled', { username: 'tanaka', address: '127.0.0.1', scope: 'address', lockSeconds: 60 }],
    ['auth.login_failed', { username: 'tanaka', reason: 'deactivated' }],
    ['auth.second_factor_failed', { reason: 'reused', stage: 'step_up' }],
    ['auth.login', { secondFactor: 'recovery_code' }],
    ['auth.recovery_code_used', { left: 9 }],
    ['auth.password_changed', { otherSessionsEnded: 2 }],
    ['doc.closed', { code: 4410, reason: 'access withdrawn', why: 'revoked', context: 'meeting:m-1' }, { docName: 'meeting/m-1' }],
    ['doc.closed', { code: 4429, reason: 'too many messages', why: 'input_backlog', frames: 300, bytes: 9000, context: 'meeting:m-1' }],
    ['doc.write_dropped', { total: 3, atClose: true, context: 'meeting:m-1' }],
    ['doc.denied', { reason: 'not_participant', context: 'meeting:m-1' }],
    ['preview.as_seen_by', { asUserId: 'u-1', context: 'meeting:m-1' }],
    ['record.viewed', { timeline: true, meetings: ['m-1'] }],
    ['record.viewed', { meetingId: 'm-1', view: 'filtered', shown: ['meeting/m-1'], hidden: 2 }],
    ['record.exported', { meetingId: 'm-1', format: 'docx', view: 'keeper', shown: [], hidden: 0 }],
    ['record.compared', { a: 'm-1', b: 'm-1' }],
    ['record.searched', { qLength: 4, hits: ['m-1 meeting/m-1'] }],
    ['record.annotated', { meetingId: 'm-1', length: 120 }],
    ['decision.confirmed', { meetingId: 'm-1', decisionId: 'd-1', textHash: 'ab'.repeat(32) }],
    ['meeting.updated', { meetingId: 'm-1', title: '第1回 支援会議', scheduled_at: '2026-12-05T05:00:00.000Z', video_url: 'https://meet.example.jp/x' }],
    ['meeting.updated', { meetingId: 'm-1', recordDetails: { method: 'hybrid', recorderUserId: 'u-1', placeLength: 12 } }],
    ['records.settings_changed', { heading: 'はなみずき市 重層的支援会議録', formNumber: '様式第3号' }],
    ['indicators.viewed', { fy: 2026, format: 'csv' }],
    ['audit.verified', { ok: true, count: 120, head: { seq: 120, hash: 'ab'.repeat(32) } }],
    ['audit.exported', { filter: { caseId: 'case-x', userId: 'u-1', action: 'consent.changed', from: '2026-12-01', to: '2026-12-04', limit: 100 }, returned: 3 }],
    ['admin.settings_changed', { changed: { municipalityName: 'みどり市', requireTwoFactor: true, sessionIdleMinutes: 480 } }],
    ['admin.user_added', { userId: 'u-1', username: 'yamamoto', orgId: 'org-shakyo', role: 'facilitator', isOrgAdmin: false, credential: 'invitation' }],
    ['admin.user_changed', { userId: 'u-1', displayName: '山本 進', role: 'member', active: false, sessions: 1 }],
    ['admin.organisation_added', { orgId: 'org-shakyo', name: 'みどり市社会福祉協議会', field: 'community', isCoordinator: true }],
    ['admin.organisation_deactivated', { orgId: 'org-shakyo', users: 3, sessions: 2 }],
    ['admin.meeting_kind_changed', { kindId: 'shien', changed: ['nameJa', 'agenda'] }],
    ['meeting_kind.added', { id: 'shien', nameJa: '支援会議', nameEn: 'Support meeting', consentRequired: false, confidentialityRequired: true }],
    ['case.coordinators_changed', { before: ['u-1'], after: ['u-1', 'u-gone'] }],
    ['case.status_changed', { from: 'active', to: 'ended', effectiveDate: '2026-12-03' }],
    ['household.changed', { partnership: 'pt-1', status: 'separated' }],
    ['household.changed', { partnershipRemoved: 'pt-1' }],
    ['legal_basis.changed', { from: 'support_meeting', to: 'consent', reason: '本人が同意したため' }],
    ['consent_document.attached', { consentRecordId: 7, documentId: 'doc-1', size: 2048, mime: 'application/pdf' }],
    ['referral.accepted', { referralId: 'ref-1', coordinators: ['u-1'] }],
    ['invitation.ended', { invitationId: 'inv-1', meetingId: 'm-1' }],
    ['records.purged', { meetingIds: ['m-gone-1', 'm-gone-2'], caseEndedOn: '2020-03-31', retentionYears: 5 }, { caseId: 'case-x' }],
    ['audit.purged', { retentionYears: 5, cutoff: '2021-04-01T00:00:00.000Z', removed: 1200, throughSeq: 1200, anchorHash: 'cd'.repeat(32) }],
    ['admin.setup_link_issued', { expiresAt: '2026-12-05T00:00:00.000Z' }],
  ];
  it('every kind of entry reads in words, without a code', () => {
    for (const [action, detail, extra] of everyKind) {
      const row = auditRowText(tx, { ...entry(action, detail), ...extra }, names);
      const text = Object.values(row).join(' | ');
      expect(auditLeaks(text), `${action}: ${text}`).toEqual([]);
      expect(text, `${action}: ${text}`).not.toMatch(/その他/);
    }
  });
});
