import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { board, type RoleStatus } from '../../../shared/board/schema.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useBoard } from '../board-context.tsx';
import { newItemId } from '../board-format.ts';
import { agencies, Field, initialLabel, LabelFields, toLabelInput } from './LabelFields.tsx';
import { ROLE_STATUSES, type BoardRole } from './roles-sort.ts';

/**
 * Adds a 役割分担 row: its label picks the compartment (created on first use by the author's
 * agency), and the row is written into that compartment's `roles` map.
 */
export function AddRoleForm({ onClose }: { onClose(): void }) {
  const { t, tx } = useI18n();
  const { user, persons, organisations, ensureCompartment } = useBoard();
  const id = useId();
  const [label, setLabel] = useState(() => initialLabel(persons));
  const [orgId, setOrgId] = useState(user.orgId);
  const [personInCharge, setPersonInCharge] = useState(user.displayName);
  const [role, setRole] = useState('');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [status, setStatus] = useState<RoleStatus>('planned');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const first = useRef<HTMLSelectElement>(null);

  useEffect(() => first.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (role.trim() === '') {
      setMessage({ kind: 'error', text: t('roleRequired') });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const compartment = await ensureCompartment(toLabelInput(label));
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
      board.roles(compartment.doc).set(row.id, row);
      // Keep agency, label and dates: the next row is often the same agency's next task.
      setRole('');
      setMessage({ kind: 'ok', text: t('rolesAdded') });
    } catch (error) {
      setMessage({ kind: 'error', text: `${t('addFailedRp')}: ${(error as Error).message}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form id="add-role-form" className="rp-add" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)} data-testid="add-role-form">
      <h3 id={`${id}-title`}>{t('rolesAddTitle')}</h3>
      <LabelFields value={label} onChange={setLabel} persons={persons} organisations={organisations} ownOrgId={user.orgId} firstRef={first} />
      {/* Two rows of four: who (agency, person, status), then what and when. */}
      <div className="rp-fields">
        <Field label={t('colAgency')} className="rp-wide">
          {(id) => (
            <select id={id} name="orgId" value={orgId} onChange={(e) => setOrgId(e.target.value)}>
              {agencies(organisations).map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
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
        <Field label={t('colRole')} className="rp-wide">
          {(id) => <input id={id} name="role" value={role} required onChange={(e) => setRole(e.target.value)} />}
        </Field>
        <Field label={t('colFrom')}>
          {(id) => <input id={id} type="date" name="from" value={from} onChange={(e) => setFrom(e.target.value)} />}
        </Field>
        <Field label={t('colUntil')}>
          {(id) => <input id={id} type="date" name="until" value={until} min={from || undefined} onChange={(e) => setUntil(e.target.value)} />}
        </Field>
      </div>
      <div className="rp-actions">
        <button type="submit" disabled={busy}>
          {busy ? t('addBusy') : t('addSubmit')}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('formClose')}
        </button>
        <span role="status" className={message?.kind === 'error' ? 'error' : 'ok'} data-testid="add-role-status">
          {message?.text}
        </span>
      </div>
    </form>
  );
}
