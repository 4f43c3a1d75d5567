import { useId, useState } from 'react';
import { fiscalYearOf, warekiFiscalYear } from '../../shared/domain/fiscal-year.ts';
import { BUILT_IN_MEETING_KINDS } from '../../shared/domain/meeting-kinds.ts';
import { reasonLabel } from '../../shared/domain/case-end-reasons.ts';
import { useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useApi } from '../ui/useApi.ts';
import { Link } from '../ui/router.tsx';
import { BarChart } from './BarChart.tsx';
import { fill } from './format.ts';
import { indicatorsCsvUrl, loadIndicators } from './records-api.ts';

/** The 重層的支援体制整備事業 started in April 2021 (令和3年度): no earlier year has these figures. */
const FIRST_FY = 2021;

const initialFy = () => {
  const fromUrl = Number(new URLSearchParams(location.search).get('fy'));
  return Number.isInteger(fromUrl) && fromUrl >= FIRST_FY ? fromUrl : fiscalYearOf(new Date().toISOString());
};

/** /indicators: the figures municipalities report for a fiscal year (April–March), with CSV. */
export function IndicatorsPage() {
  const { t, date, locale } = useI18n();
  // The server words the reasons in Japanese (the CSV's language); the screen follows the locale.
  const reasonText = (status: 'ended' | 'suspended', r: { reason: string }) => reasonLabel(status, r.reason, locale);
  const { user } = useSession();
  const [fy, setFy] = useState(initialFy);
  const selectId = useId();
  const allowed = user?.role === 'facilitator' || user?.role === 'administrator';
  const { data, error, loading } = useApi(() => (allowed ? loadIndicators(fy) : Promise.reject(new Error(t('rec_indicatorsForbidden')))), String(fy));
  const current = fiscalYearOf(new Date().toISOString());
  const years = Array.from({ length: current + 1 - FIRST_FY + 1 }, (_, i) => current + 1 - i);
  const choose = (next: number) => {
    history.replaceState(null, '', `/indicators?fy=${next}`);
    setFy(next);
  };

  if (!allowed) return <p role="alert">{t('rec_indicatorsForbidden')}</p>;
  const total = data ? data.meetingsByKind.reduce((s, k) => s + k.count, 0) : 0;
  const lastDay = data ? new Date(Date.parse(data.to) - 1).toISOString() : null;

  return (
    <section className="records-page indicators-page">
      <h1>{t('rec_indicatorsTitle')}</h1>
      <p className="hint">{t('rec_indicatorsIntro')}</p>
      {user?.role === 'administrator' && (
        <p>
          <Link to="/records/settings">{t('rec_settingsTitle')}</Link>
        </p>
      )}
      <div className="indicators-controls">
        <label htmlFor={selectId}>{t('rec_fiscalYear')}</label>
        <select id={selectId} value={fy} onChange={(e) => choose(Number(e.target.value))}>
          {years.map((y) => (
            <option key={y} value={y}>
              {warekiFiscalYear(y)} ({fill(t('rec_fyRange'), { from: y, to: y + 1 })})
            </option>
          ))}
        </select>
        <a className="button secondary" href={indicatorsCsvUrl(fy)} download>
          {t('rec_csvDownload')}
        </a>
      </div>
      {loading && <p>{t('loading')}</p>}
      {error && <p role="alert">{error.message}</p>}
      {data && lastDay && (
        <>
          <h2 className="fy-heading">
            {data.label} <small className="muted">{`${date(data.from)} 〜 ${date(lastDay)}`}</small>
          </h2>
          <ul className="kpi-cards" aria-label={t('rec_kpis')}>
            <Kpi label={t('rec_kpiNewCases')} value={data.newJusotekiCases} unit={t('rec_unitCases')} testId="kpi-new-cases" />
            <Kpi label={t('rec_kpiMeetings')} value={total} unit={t('rec_unitTimes')} testId="kpi-meetings" />
            <Kpi label={t('rec_kpiConsentsGranted')} value={data.consents.granted} unit={t('rec_unitItems')} testId="kpi-consents" />
            <Kpi label={t('rec_kpiConsentsWithdrawn')} value={data.consents.withdrawn} unit={t('rec_unitItems')} testId="kpi-withdrawn" />
          </ul>
          <div className="charts">
            <BarChart title={t('rec_chartByKind')} unit={t('rec_unitTimes')} testId="chart-kinds" bars={byConfiguredOrder(data.meetingsByKind).map((k) => ({ label: k.kindName, value: k.count }))} />
            <BarChart title={t('rec_chartByStage')} unit={t('rec_unitItems')} testId="chart-stages" bars={data.plansByStage.map((p) => ({ label: p.label, value: p.count }))} />
            <BarChart
              title={t('rec_chartConsents')}
              unit={t('rec_unitItems')}
              testId="chart-consents"
              bars={[
                { label: t('consentStatus_granted'), value: data.consents.granted },
                { label: t('consentStatus_withdrawn'), value: data.consents.withdrawn },
                { label: t('consentStatus_refused'), value: data.consents.refused },
              ]}
            />
          </div>
          <h2>{t('rec_caseEndsTitle')}</h2>
          <ul className="kpi-cards" aria-label={t('rec_caseEndsTitle')}>
            <Kpi label={t('rec_kpiEnded')} value={data.caseEnds.ended.total} unit={t('rec_unitCases')} testId="kpi-ended" />
            <Kpi label={t('rec_kpiSuspended')} value={data.caseEnds.suspended.total} unit={t('rec_unitCases')} testId="kpi-suspended" />
            <Kpi label={t('rec_kpiResumed')} value={data.caseEnds.resumed} unit={t('rec_unitCases')} testId="kpi-resumed" />
          </ul>
          <div className="charts">
            <BarChart title={t('rec_chartEndReasons')} unit={t('rec_unitCases')} testId="chart-end-reasons" bars={data.caseEnds.ended.byReason.map((r) => ({ label: reasonText('ended', r), value: r.count }))} />
            <BarChart
              title={t('rec_chartSuspensionReasons')}
              unit={t('rec_unitCases')}
              testId="chart-suspension-reasons"
              bars={data.caseEnds.suspended.byReason.map((r) => ({ label: reasonText('suspended', r), value: r.count }))}
            />
          </div>
          <p className="hint">{t('rec_caseEndsNote')}</p>
          <p className="hint">{t('rec_indicatorsNote')}</p>
        </>
      )}
    </section>
  );
}

/** The built-in kinds in their own order (支援会議, 重層的支援会議 first), others after. */
function byConfiguredOrder<T extends { kindId: string }>(kinds: T[]): T[] {
  const rank = (id: string) => {
    const i = BUILT_IN_MEETING_KINDS.findIndex((k) => k.id === id);
    return i < 0 ? BUILT_IN_MEETING_KINDS.length : i;
  };
  return [...kinds].sort((a, b) => rank(a.kindId) - rank(b.kindId));
}

function Kpi({ label, value, unit, testId }: { label: string; value: number; unit: string; testId: string }) {
  return (
    <li className="kpi card" data-testid={testId}>
      <span className="kpi-label">{label}</span>
      <span className="kpi-value">
        {value}
        <small>{unit}</small>
      </span>
    </li>
  );
}
