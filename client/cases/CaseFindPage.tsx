import { useState, type FormEvent } from 'react';
import type { CaseSearchResult } from '../../shared/api/case-admin.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../ui/router.tsx';
import { call } from '../intake/intake-api.ts';

/** /cases/find: by name (kana too), stage, coordinator name and next meeting date. */
export function CaseFindPage() {
  const { t, tx, date, meetingKind } = useI18n();
  const [q, setQ] = useState('');
  const [stage, setStage] = useState('');
  const [nextFrom, setNextFrom] = useState('');
  const [nextTo, setNextTo] = useState('');
  const [results, setResults] = useState<CaseSearchResult[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const search = async (e: FormEvent) => {
    e.preventDefault();
    const params = new URLSearchParams();
    if (q.trim()) params.set('q', q.trim());
    if (stage) params.set('stage', stage);
    if (nextFrom) params.set('nextFrom', nextFrom);
    if (nextTo) params.set('nextTo', nextTo);
    try {
      setResults(await call<CaseSearchResult[]>('GET', `/case-search?${params}`));
      setProblem(null);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <section>
      <h1>{t('in_findTitle')}</h1>
      <form className="form-row card" onSubmit={search} role="search">
        <label>
          {t('in_findQuery')}
          <input value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        <label>
          {t('in_findStage')}
          <select value={stage} onChange={(e) => setStage(e.target.value)}>
            <option value="">{t('in_stage_any')}</option>
            {(['support_meeting', 'consent', 'suspended', 'ended'] as const).map((s) => (
              <option key={s} value={s}>
                {tx(`in_stage_${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('in_findNextFrom')}
          <input type="date" value={nextFrom} onChange={(e) => setNextFrom(e.target.value)} />
        </label>
        <label>
          {t('in_findNextTo')}
          <input type="date" value={nextTo} onChange={(e) => setNextTo(e.target.value)} />
        </label>
        <button type="submit">{t('in_search')}</button>
      </form>
      {problem && <p role="alert">{problem}</p>}
      {results && results.length === 0 && <p>{t('in_noResults')}</p>}
      {results && results.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('cases')}</th>
              <th scope="col">{t('in_findStage')}</th>
              <th scope="col">{t('in_findCoordinator')}</th>
              <th scope="col">{t('nextMeeting')}</th>
              <th scope="col">{t('in_matched')}</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/cases/${r.id}`}>{r.title}</Link>
                </td>
                <td>{tx(`in_stage_${r.stage}`)}</td>
                <td>{r.coordinatorNames.join('、')}</td>
                <td>{r.nextMeeting ? `${meetingKind(r.nextMeeting.kindId)} · ${date(r.nextMeeting.scheduledAt)}` : t('none')}</td>
                <td>{r.matchedNames.join('、')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
