import { useMemo, useState } from 'react';
import { board } from '../../../shared/board/schema.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useBoard } from '../board-context.tsx';
import { fill } from '../board-format.ts';
import { useMapsAcross } from '../useYMap.ts';
import { AddRoleForm } from './AddRoleForm.tsx';
import { livingPersons } from '../label/label-draft.ts';
import { RoleRow } from './RoleRow.tsx';
import { nextSort, sortRoles, type BoardRole, type SortKey, type SortState } from './roles-sort.ts';

const COLUMNS: readonly { key: SortKey; label: MessageKey }[] = [
  { key: 'agency', label: 'colAgency' },
  { key: 'personInCharge', label: 'colPersonInCharge' },
  { key: 'role', label: 'colRole' },
  { key: 'member', label: 'colMember' },
  { key: 'from', label: 'colFrom' },
  { key: 'until', label: 'colUntil' },
  { key: 'status', label: 'colStatus' },
];

/**
 * 役割分担: every role row of every compartment this viewer holds, as one live table. A row the
 * viewer may not see is in a compartment that was never opened for them, so it is simply absent.
 */
export function RolesPanel() {
  const { t } = useI18n();
  const { user, persons, organisations, manifest, compartments, readOnly, canAdd } = useBoard();
  const located = useMapsAcross(compartments.docs, board.roles, 'roles');
  const [sort, setSort] = useState<SortState | null>(null);
  const [adding, setAdding] = useState(false);
  const orgNames = useMemo(() => new Map(organisations.map((o) => [o.id, o.name])), [organisations]);
  const orgName = (orgId: string) => orgNames.get(orgId) ?? orgId;
  const rows = sortRoles(
    located.map(({ value, from }) => ({ role: value as BoardRole, from })),
    sort,
    orgName,
    persons,
  );
  const pending = manifest.manifest === null || compartments.docs.some((d) => !d.synced);
  // A row needs a household member to be about: none is known before the household may be seen.
  const mayAdd = canAdd && !readOnly && compartments.pool !== null && livingPersons(persons).length > 0;

  return (
    <section className="panel rp-panel" aria-labelledby="roles-title" data-testid="roles-panel" data-pending={pending ? 'true' : 'false'}>
      <div className="panel-title">
        <h2 id="roles-title" tabIndex={-1}>
          {t('rolesTitle')}
        </h2>
        <span className="muted">{fill(t('rolesCount'), { n: rows.length })}</span>
        {mayAdd && (
          <button type="button" className="secondary push-right" aria-expanded={adding} aria-controls="add-role-form" onClick={() => setAdding(!adding)}>
            ＋ {t('rolesAdd')}
          </button>
        )}
      </div>
      <p className="muted small">{t('rolesHint')}</p>
      {mayAdd && adding && <AddRoleForm onClose={() => setAdding(false)} />}
      {rows.length === 0 ? (
        <p className="empty" role="status">
          {pending ? t('rolesLoading') : t('rolesEmpty')}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="data-table rp-table" data-testid="roles-table">
            <caption className="visually-hidden">{t('rolesCaption')}</caption>
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <SortHeader key={c.key} label={t(c.label)} active={sort?.key === c.key ? sort.dir : null} onSort={() => setSort(nextSort(sort, c.key))} />
                ))}
                <th scope="col">
                  <span className="visually-hidden">{t('colActions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <RoleRow
                  key={`${row.from.docName}#${row.role.id}`}
                  row={row}
                  persons={persons}
                  organisations={organisations}
                  orgName={orgName}
                  editable={!readOnly && row.from.access === 'write'}
                  own={row.role.authorId === user.id}
                  onDeleted={() => document.getElementById('roles-title')?.focus()}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** A column header whose button sorts the table; aria-sort tells which column orders it. */
function SortHeader({ label, active, onSort }: { label: string; active: 'asc' | 'desc' | null; onSort(): void }) {
  const { t } = useI18n();
  return (
    <th scope="col" aria-sort={active === 'asc' ? 'ascending' : active === 'desc' ? 'descending' : 'none'}>
      <button type="button" className="rp-sort" onClick={onSort} title={fill(t('sortBy'), { col: label })}>
        {label}
        <span aria-hidden="true" className="rp-sort-mark">
          {active === 'asc' ? '▲' : active === 'desc' ? '▼' : '⇅'}
        </span>
      </button>
    </th>
  );
}
