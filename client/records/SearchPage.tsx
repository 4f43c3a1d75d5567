import { useEffect, useId, useState, type FormEvent } from 'react';
import { SEARCH_MAX_CHARS, SEARCH_MIN_CHARS, type SearchResult } from '../../shared/api/records.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../ui/router.tsx';
import { fill, known, recordHref } from './format.ts';
import { searchRecords } from './records-api.ts';

type State = { status: 'idle' } | { status: 'too_short' } | { status: 'loading'; q: string } | { status: 'done'; result: SearchResult } | { status: 'error'; message: string };

const initialQuery = () => new URLSearchParams(location.search).get('q') ?? '';

/** /search?q=: full-text search over the records the viewer may see now (nothing about the rest). */
export function SearchPage() {
  const { t } = useI18n();
  const [input, setInput] = useState(initialQuery);
  const [state, setState] = useState<State>({ status: 'idle' });
  const inputId = useId();
  const hintId = useId();

  const run = async (raw: string) => {
    const q = raw.trim();
    // Counted in characters as the server counts them (a kanji is one).
    if ([...q].length < SEARCH_MIN_CHARS) return setState({ status: 'too_short' });
    history.replaceState(null, '', `/search?q=${encodeURIComponent(q)}`);
    setState({ status: 'loading', q });
    try {
      setState({ status: 'done', result: await searchRecords(q) });
    } catch (e) {
      setState({ status: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };

  useEffect(() => {
    // A shared link (/search?q=…) runs its search at once.
    if (initialQuery()) void run(initialQuery());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(input);
  };

  return (
    <section className="records-page search-page">
      <h1>{t('rec_searchTitle')}</h1>
      <form role="search" className="search-form" onSubmit={submit} aria-label={t('rec_searchTitle')}>
        <label htmlFor={inputId}>{t('rec_searchLabel')}</label>
        <div className="search-row">
          <input id={inputId} type="search" value={input} onChange={(e) => setInput(e.target.value)} maxLength={SEARCH_MAX_CHARS} aria-describedby={hintId} />
          <button type="submit">{t('rec_searchButton')}</button>
        </div>
        <p className="hint" id={hintId}>
          {fill(t('rec_searchHint'), { min: SEARCH_MIN_CHARS, max: SEARCH_MAX_CHARS })}
        </p>
      </form>
      <div role="status" className="search-status">
        {state.status === 'loading' && t('rec_searching')}
        {state.status === 'done' &&
          (state.result.hits.length === 0 ? (
            <p className="notice">{fill(t('rec_searchNone'), { q: state.result.q })}</p>
          ) : (
            <p>{fill(t('rec_searchCount'), { q: state.result.q, n: state.result.hits.length })}</p>
          ))}
      </div>
      {state.status === 'too_short' && (
        <p role="alert" className="error">
          {fill(t('rec_searchTooShort'), { min: SEARCH_MIN_CHARS })}
        </p>
      )}
      {state.status === 'error' && (
        <p role="alert" className="error">
          {state.message}
        </p>
      )}
      {state.status === 'done' && state.result.hits.length > 0 && <Hits result={state.result} />}
    </section>
  );
}

function Hits({ result }: { result: SearchResult }) {
  const { t, tx, dateTime } = useI18n();
  return (
    <ol className="search-results" aria-label={t('rec_searchResults')}>
      {result.hits.map((h) => (
        <li key={`${h.meetingId}/${h.docName}`} className="card" data-meeting-id={h.meetingId}>
          <h2>
            <Link to={recordHref(h.meetingId)}>{h.meetingTitle}</Link>
          </h2>
          <p className="meta">
            {h.caseTitle} · {dateTime(h.scheduledAt)} ·{' '}
            <span className="cat-chip">
              {h.source.kind === 'meeting' ? t('rec_sourceMeeting') : `${h.source.personName ?? ''} · ${known(tx, `cat_${h.source.category}`, '')}`}
            </span>
          </p>
          <p className="snippet">
            <Highlight text={h.snippet} q={result.q} />
          </p>
        </li>
      ))}
    </ol>
  );
}

/** Every occurrence of the query marked, matched as the server matches (case-insensitive). */
function Highlight({ text, q }: { text: string; q: string }) {
  const pattern = new RegExp(`(${q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`, 'gi');
  return (
    <>
      {text.split(pattern).map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : part))}
    </>
  );
}
