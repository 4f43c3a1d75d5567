import { useState, type FormEvent } from 'react';
import type { LifecycleView } from '../../shared/api/case-admin.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { call } from '../intake/intake-api.ts';
import { reasonLabel, reasonsFor } from '../../shared/domain/case-end-reasons.ts';

const today = () => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);

/** Legal basis over time: 支援決定 (once consent is recorded), 中断 and 終結 with reason and date. */
export function CaseLifecyclePanel({ caseId, lifecycle, onChange }: { caseId: string; lifecycle: LifecycleView; onChange(l: LifecycleView): void }) {
  const { t, tx, date, locale } = useI18n();
  const [decidedOn, setDecidedOn] = useState(today());
  const [approver, setApprover] = useState('');
  const [status, setStatus] = useState<'suspended' | 'ended' | 'active'>(lifecycle.status === 'active' ? 'suspended' : 'active');
  const [reason, setReason] = useState('');
  // 中断 and 終結 are counted by this category in the indicators; the text only explains.
  const [reasonCode, setReasonCode] = useState('');
  const [effectiveDate, setEffectiveDate] = useState(today());
  const [problem, setProblem] = useState<string | null>(null);
  const run = async (path: string, body: unknown) => {
    setProblem(null);
    try {
      const next = await call<LifecycleView>('POST', `/cases/${caseId}${path}`, body);
      onChange(next);
      // The choices follow the new status (a suspended case offers 再開 and 終結).
      setStatus(next.status === 'active' ? 'suspended' : 'active');
      setReason('');
      setReasonCode('');
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <section className="panel">
      <h2>{t('in_lifecycle')}</h2>
      <dl className="facts">
        <dt>{t('legalBasis')}</dt>
        <dd data-testid="legal-basis">{tx(`basis_${lifecycle.legalBasis}`)}</dd>
        <dt>{t('in_caseStatus')}</dt>
        <dd data-testid="case-status">{tx(`in_caseStatus_${lifecycle.status}`)}</dd>
      </dl>
      {lifecycle.readOnly && <p className="notice">{t('in_readOnly')}</p>}
      <h3>{t('in_supportDecision')}</h3>
      <p className="hint">{t('in_supportDecisionIntro')}</p>
      <ul className="plain-list">
        {lifecycle.supportDecisions.map((d, i) => (
          <li key={i}>
            {date(`${d.decidedOn}T00:00:00+09:00`)} · {d.approver} ({d.recordedBy})
          </li>
        ))}
      </ul>
      {!lifecycle.readOnly && (
        <form
          className="form-row"
          aria-label={t('in_supportDecision')}
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            void run('/support-decision', { decidedOn, approver });
          }}
        >
          <label>
            {t('in_decidedOn')}
            <input type="date" required value={decidedOn} onChange={(e) => setDecidedOn(e.target.value)} />
          </label>
          <label>
            {t('in_approver')}
            <input required value={approver} onChange={(e) => setApprover(e.target.value)} />
          </label>
          <button type="submit">{t('in_recordDecision')}</button>
        </form>
      )}
      <h3>{t('in_caseStatus')}</h3>
      <ul className="plain-list">
        {lifecycle.history.map((h, i) => (
          <li key={i}>
            {date(`${h.effectiveDate}T00:00:00+09:00`)} · {tx(`in_caseStatus_${h.status}`)}
            {h.status !== 'active' && `: ${reasonLabel(h.status, h.reasonCode, locale)}`}
            {h.reason && ` (${h.reason})`} · {h.changedBy}
          </li>
        ))}
      </ul>
      {lifecycle.status !== 'ended' && (
        <form
          className="form-row"
          aria-label={t('in_changeStatus')}
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            void run('/status', { status, reasonCode: status === 'active' ? null : reasonCode || null, reason, effectiveDate });
          }}
        >
          <label>
            {t('in_caseStatus')}
            <select
              value={status}
              onChange={(e) => {
                setStatus(e.target.value as typeof status);
                setReasonCode('');
              }}
            >
              {(lifecycle.status === 'active' ? (['suspended', 'ended'] as const) : (['active', 'ended'] as const)).map((s) => (
                <option key={s} value={s}>
                  {tx(`in_caseStatus_${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('in_effectiveDate')}
            <input type="date" required value={effectiveDate} onChange={(e) => setEffectiveDate(e.target.value)} />
          </label>
          {status !== 'active' && (
            <label>
              {t('in_reasonCode')}
              <select required value={reasonCode} onChange={(e) => setReasonCode(e.target.value)}>
                <option value="">{t('in_reasonCodeChoose')}</option>
                {reasonsFor(status).map((r) => (
                  <option key={r.key} value={r.key}>
                    {locale === 'ja' ? r.ja : r.en}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="grow">
            {status === 'active' ? t('in_reasonResume') : t('in_reasonDetail')}
            <input required={status === 'active'} value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="submit">{t('in_changeStatus')}</button>
        </form>
      )}
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </section>
  );
}
