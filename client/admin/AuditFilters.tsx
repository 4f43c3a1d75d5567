import { useState, type FormEvent } from 'react';
import { AUDIT_ACTIONS } from '../../shared/api/audit.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { AuditFilterValues } from './audit-api.ts';

interface Props {
  initial: AuditFilterValues;
  cases: { id: string; title: string }[];
  users: { id: string; name: string }[];
  onSearch(filter: AuditFilterValues): void;
}

export function AuditFilters({ initial, cases, users, onSearch }: Props) {
  const { t, tx } = useI18n();
  const [filter, setFilter] = useState(initial);
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
          {t('auditCase')}
          <select value={filter.caseId} onChange={set('caseId')}>
            <option value="">{t('auditAny')}</option>
            {cases.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('auditUser')}
          <select value={filter.userId} onChange={set('userId')}>
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
          <select value={filter.action} onChange={set('action')}>
            <option value="">{t('auditAny')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {tx(`auditAction_${a}`)}
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
