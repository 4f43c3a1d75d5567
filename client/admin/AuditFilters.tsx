import { useState, type FormEvent } from 'react';
import { AUDIT_ACTIONS } from '../../shared/api/audit.ts';
import { actionLabel } from '../../shared/api/audit-detail.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { AuditFilterValues } from './audit-api.ts';

interface Props {
  initial: AuditFilterValues;
  cases: { id: string; title: string }[];
  users: { id: string; name: string }[];
  onSearch(filter: AuditFilterValues): void;
}

/** The review's filters: case (found by title), user, period and action, all by name. */
export function AuditFilters({ initial, cases, users, onSearch }: Props) {
  const { t, tx } = useI18n();
  const [filter, setFilter] = useState(initial);
  // A municipality has hundreds of cases: typing part of a title narrows the list (the chosen one stays).
  const [caseText, setCaseText] = useState('');
  const needle = caseText.trim().normalize('NFKC').toLowerCase();
  const shownCases = cases.filter((c) => c.id === filter.caseId || !needle || c.title.normalize('NFKC').toLowerCase().includes(needle));
  const set = (key: keyof AuditFilterValues) => (e: { target: { value: string } }) => setFilter((f) => ({ ...f, [key]: e.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(filter);
  };
  return (
    <form className="panel audit-filters" onSubmit={submit} aria-labelledby="audit-filters-title">
      <h2 id="audit-filters-title">{t('auditFilters')}</h2>
      <div className="form-row">
        <label>
          {t('auditCaseSearch')}
          <input type="search" name="caseSearch" value={caseText} onChange={(e) => setCaseText(e.target.value)} />
        </label>
        <label>
          {t('auditCase')}
          <select name="caseId" value={filter.caseId} onChange={set('caseId')}>
            <option value="">{t('auditAny')}</option>
            {shownCases.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('auditUser')}
          <select name="userId" value={filter.userId} onChange={set('userId')}>
            <option value="">{t('auditAny')}</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('auditFrom')}
          <input type="date" value={filter.from} onChange={set('from')} />
        </label>
        <label>
          {t('auditTo')}
          <input type="date" value={filter.to} onChange={set('to')} />
        </label>
        <label>
          {t('auditAction')}
          <select name="action" value={filter.action} onChange={set('action')}>
            <option value="">{t('auditAny')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {actionLabel(tx, a)}
              </option>
            ))}
          </select>
        </label>
        <div className="form-actions end">
          <button type="submit">{t('auditSearch')}</button>
        </div>
      </div>
    </form>
  );
}
