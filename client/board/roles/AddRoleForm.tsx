import { createItemTexts } from '../../../shared/board/texts.ts';
import { useId, useState, type FormEvent } from 'react';
import { board, type RoleStatus } from '../../../shared/board/schema.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useBoard } from '../board-context.tsx';
import { newItemId } from '../board-format.ts';
import { Field } from '../label/Field.tsx';
import { AddActions, useLabelledAdd } from '../label/labelled-add.tsx';
import { ROLE_STATUSES, type BoardRole } from './roles-sort.ts';
import { AgencySelect } from '../label/AgencySelect.tsx';

/**
 * Adds a 役割分担 row: its label picks the compartment (created on first use by the author's
 * agency), and the row is written into that compartment's `roles` map.
 */
export function AddRoleForm({ onClose }: { onClose(): void }) {
  const { t, tx } = useI18n();
  const { user, organisations } = useBoard();
  const id = useId();
  const { label, labelFields, submit, busy, message } = useLabelledAdd();
  const [orgId, setOrgId] = useState(user.orgId);
  const [personInCharge, setPersonInCharge] = useState(user.displayName);
  const [role, setRole] = useState('');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [status, setStatus] = useState<RoleStatus>('planned');

  const add = (event: FormEvent) =>
    submit(event, {
      required: role,
      requiredMessage: 'roleRequired',
      addedMessage: 'rolesAdded',
      write(compartment) {
        const row: BoardRole = {
          id: newItemId(),
          orgId,
          personInCharge: personInCharge.trim(),
          role: role.trim(),
          personId: label.personId,
          from: from || null,
          until: until || null,
          status,
          authorId: user.id,
          createdAt: new Date().toISOString(),
        };
        // The row and its shared texts (role, 担当者) in one transaction: nothing to race over.
        compartment.doc.transact(() => {
          board.roles(compartment.doc).set(row.id, row);
          createItemTexts(compartment.doc, 'roles', row as unknown as BoardRole & Record<string, unknown>);
        });
        // Keep agency, label and dates: the next row is often the same agency's next task.
        setRole('');
      },
    });

  return (
    <form id="add-role-form" className="rp-add" aria-labelledby={`${id}-title`} onSubmit={(e) => void add(e)} data-testid="add-role-form">
      <h3 id={`${id}-title`}>{t('rolesAddTitle')}</h3>
      {labelFields}
      {/* Two rows of four: who (agency, person, status), then what and when. */}
      <div className="rp-fields">
        <Field label={t('colAgency')} className="rp-field rp-wide">
          {(id) => (
            <AgencySelect id={id} name="orgId" organisations={organisations} value={orgId} onChange={setOrgId} />
          )}
        </Field>
        <Field label={t('colPersonInCharge')}>
          {(id) => <input id={id} name="personInCharge" value={personInCharge} onChange={(e) => setPersonInCharge(e.target.value)} />}
        </Field>
        <Field label={t('colStatus')}>
          {(id) => (
            <select id={id} name="status" value={status} onChange={(e) => setStatus(e.target.value as RoleStatus)}>
              {ROLE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {tx(`roleStatus_${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('colRole')} className="rp-field rp-wide">
          {(id) => <input id={id} name="role" value={role} required onChange={(e) => setRole(e.target.value)} />}
        </Field>
        <Field label={t('colFrom')}>
          {(id) => <input id={id} type="date" name="from" value={from} onChange={(e) => setFrom(e.target.value)} />}
        </Field>
        <Field label={t('colUntil')}>
          {(id) => <input id={id} type="date" name="until" value={until} min={from || undefined} onChange={(e) => setUntil(e.target.value)} />}
        </Field>
      </div>
      <AddActions busy={busy} message={message} statusTestId="add-role-status" onClose={onClose} />
    </form>
  );
}
