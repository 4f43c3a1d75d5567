import { describe, expect, it } from 'vitest';
import { detailSummary, lookupsFrom } from '../../shared/api/audit-detail.ts';
import { ja } from '../../client/i18n/messages.ts';
import { formatDate, formatDateTime } from '../../client/i18n/dates.ts';
import type { AuditEntryView, AuditNames } from '../../shared/api/audit.ts';

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
});
