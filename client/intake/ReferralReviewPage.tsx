import { useState, type FormEvent } from 'react';
import type { AttachReferralResult, DuplicateCandidate, InboxReferral } from '../../shared/api/intake.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, navigate } from '../ui/router.tsx';
import { useApi } from '../ui/useApi.ts';
import { call, fillIn } from './intake-api.ts';

type Review = InboxReferral & { duplicates: DuplicateCandidate[] };

/** /intake/inbox/:id: duplicates first, then accept as a new case, add to an existing one, or decline. */
export function ReferralReviewPage({ referralId }: { referralId: string }) {
  const { t, tx, date } = useI18n();
  const { data, error, loading } = useApi(() => call<Review>('GET', `/intake/inbox/${encodeURIComponent(referralId)}`), referralId);
  const [title, setTitle] = useState<string | null>(null);
  const [declineReason, setDeclineReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  // After adding the sheet to a case: what happened to the household, instead of the decisions.
  const [attached, setAttached] = useState<AttachReferralResult | null>(null);
  if (loading) return <p>{t('loading')}</p>;
  if (error || !data) return <p role="alert">{error?.message}</p>;
  const subject = data.household[0]!;
  const shownTitle = title ?? `${subject.name.split(/[\s　]/)[0]}さん世帯`;
  const run = async (action: () => Promise<void>) => {
    setProblem(null);
    try {
      await action();
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };
  const accept = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const { caseId } = await call<{ caseId: string }>('POST', `/intake/inbox/${referralId}/accept`, { title: shownTitle, coordinatorUserIds: [] });
      navigate(`/cases/${caseId}`);
    });
  };
  const decline = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await call('POST', `/intake/inbox/${referralId}/decline`, { reason: declineReason });
      navigate('/intake/inbox');
    });
  };
  const open = data.status === 'received';
  return (
    <section className="intake-page">
      <p>
        <Link to="/intake/inbox">← {t('in_inboxTitle')}</Link>
      </p>
      <h1>{t('in_reviewTitle')}</h1>
      <dl className="facts card">
        <dt>{t('in_from')}</dt>
        <dd>
          {data.referringOrgName} ({data.referredByName})
        </dd>
        <dt>{t('in_sentOn')}</dt>
        <dd>{date(data.createdAt)}</dd>
        <dt>{t('in_consentVariantShort')}</dt>
        <dd>{t(data.consentVariant === 'given' ? 'in_variantGiven' : 'in_variantNotGiven')}</dd>
        <dt>{t('in_status')}</dt>
        <dd>{tx(`in_status_${attached ? 'accepted' : data.status}`)}</dd>
      </dl>
      <h2>{t('in_household')}</h2>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('in_name')}</th>
            <th scope="col">{t('in_kana')}</th>
            <th scope="col">{t('in_relation')}</th>
            <th scope="col">{t('in_sex')}</th>
            <th scope="col">{t('in_birthDate')}</th>
            <th scope="col">{t('in_age')}</th>
          </tr>
        </thead>
        <tbody>
          {data.household.map((p, i) => (
            <tr key={i}>
              <td>
                {p.name}
                {p.deceased && <span className="tag">{t('in_deceased')}</span>}
              </td>
              <td>{p.kana}</td>
              <td>{p.relationLabel}</td>
              <td>{tx(`in_sex_${p.sex}`)}</td>
              <td className="nowrap">{p.birthDate ? date(`${p.birthDate}T00:00:00+09:00`) : ''}</td>
              <td>{p.age ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {attached && <AttachDone outcome={attached} />}
      {open && !attached && (
        <>
          <h2>{t('in_duplicates')}</h2>
          {data.duplicates.length === 0 ? (
            <p className="ok">{t('in_noDuplicates')}</p>
          ) : (
            <ul className="notice duplicate-list" data-testid="duplicates">
              {data.duplicates.map((d, i) => (
                <li key={i}>
                  {d.caseId ? <Link to={`/cases/${d.caseId}`}>{d.caseTitle}</Link> : t('in_dupOther')}
                  {d.matchedPersonName && ` (${d.matchedPersonName})`}: {d.reasons.map((r) => tx(`in_dupReason_${r}`)).join('、')} ·{' '}
                  {fillIn(t('in_dupAskCoordinator'), { names: d.coordinatorNames.join('、') })}
                </li>
              ))}
            </ul>
          )}
          <form className="card" onSubmit={accept}>
            <h2>{t('in_acceptNew')}</h2>
            <div className="form-row">
              <label>
                {t('in_caseTitle')}
                <input value={shownTitle} onChange={(e) => setTitle(e.target.value)} required />
              </label>
              <button type="submit">{t('in_accept')}</button>
            </div>
          </form>
          {data.duplicates.some((d) => d.caseId) && <AttachForm referralId={referralId} duplicates={data.duplicates} onProblem={setProblem} onAttached={setAttached} />}
          <form className="card" onSubmit={decline}>
            <h2>{t('in_decline')}</h2>
            <div className="form-row">
              <label className="grow">
                {t('in_declineReasonLabel')}
                <input value={declineReason} onChange={(e) => setDeclineReason(e.target.value)} required />
              </label>
              <button type="submit">{t('in_decline')}</button>
            </div>
          </form>
        </>
      )}
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </section>
  );
}

/** Adding the sheet to a case the coordinator manages: pick the case and the person it is about. */
function AttachForm({ referralId, duplicates, onProblem, onAttached }: { referralId: string; duplicates: DuplicateCandidate[]; onProblem(m: string): void; onAttached(outcome: AttachReferralResult): void }) {
  const { t } = useI18n();
  const cases = duplicates.filter((d) => d.caseId);
  const [caseId, setCaseId] = useState(cases[0]!.caseId!);
  const persons = useApi(() => call<{ persons: { id: string; name: string }[] }>('GET', `/cases/${caseId}/household`), caseId);
  const [personId, setPersonId] = useState('');
  const chosen = personId || persons.data?.persons[0]?.id || '';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      onAttached(await call<AttachReferralResult>('POST', `/intake/inbox/${referralId}/attach`, { caseId, subjectPersonId: chosen }));
    } catch (error) {
      onProblem(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <form className="card" onSubmit={submit}>
      <h2>{t('in_attach')}</h2>
      <div className="form-row">
        <label>
          {t('cases')}
          <select value={caseId} onChange={(e) => setCaseId(e.target.value)}>
            {cases.map((d) => (
              <option key={d.caseId} value={d.caseId!}>
                {d.caseTitle}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('in_attachPerson')}
          <select value={chosen} onChange={(e) => setPersonId(e.target.value)}>
            {persons.data?.persons.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={!chosen}>
          {t('in_attach')}
        </button>
      </div>
    </form>
  );
}

/** Said before leaving: whom the household gained and whom the sheet was recognised as. */
function AttachDone({ outcome }: { outcome: AttachReferralResult }) {
  const { t } = useI18n();
  const names = (list: string[]) => (list.length ? list.join('、') : t('in_attachNobody'));
  return (
    <div className="card" role="status">
      <h2>{t('in_attachDone')}</h2>
      <p>{fillIn(t('in_attachAdded'), { names: names(outcome.added) })}</p>
      <p>{fillIn(t('in_attachMatched'), { names: names(outcome.matched) })}</p>
      <button type="button" onClick={() => navigate(`/cases/${outcome.caseId}`)}>
        {t('in_attachOpenCase')}
      </button>
    </div>
  );
}
