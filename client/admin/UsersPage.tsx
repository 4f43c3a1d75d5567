import { useState, type FormEvent } from 'react';
import { USER_ROLES, type AdminOrganisationView, type AdminUserView, type CreatedUser, type CredentialIssued } from '../../shared/api/admin.ts';
import type { DirectoryView } from '../../shared/api/participants.ts';
import { api, unwrap } from '../api/client.ts';
import { useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { errorMessage, fill } from '../consent/common.ts';
import { useApi } from '../ui/useApi.ts';
import { AdminLayout } from './AdminLayout.tsx';
import { useStepUp } from './useStepUp.tsx';

type Role = (typeof USER_ROLES)[number];
type Credential = CredentialIssued['kind'];
interface Draft {
  username: string;
  displayName: string;
  orgId: string;
  role: Role;
  isOrgAdmin: boolean;
  credential: Credential;
}

/** The credential, shown once: the one-time password or the full invitation link. */
function CredentialNotice({ name, credential, onClose }: { name: string; credential: CredentialIssued; onClose(): void }) {
  const { t, dateTime } = useI18n();
  return (
    <div className="credential" role="status" data-testid="credential">
      {credential.oneTimePassword ? (
        <p>
          {fill(t('adm_oneTimePasswordShown'), { name })} <code data-testid="one-time-password">{credential.oneTimePassword}</code>
        </p>
      ) : (
        <p>
          {fill(t('adm_invitationShown'), { name, until: dateTime(credential.expiresAt!) })}{' '}
          <code data-testid="invitation-link">{`${location.origin}${credential.invitationPath}`}</code>
        </p>
      )}
      <button type="button" className="small secondary" onClick={onClose}>
        {t('adm_close')}
      </button>
    </div>
  );
}

/** /admin/users: administrators manage everyone; organisation administrators their own staff. */
export function UsersPage() {
  const { t, tx } = useI18n();
  const { user } = useSession();
  const { guard, dialog } = useStepUp();
  const isAdmin = user?.role === 'administrator';
  const [version, setVersion] = useState(0);
  const users = useApi(() => unwrap<AdminUserView[]>(api.admin.users.$get()), `users-${version}`);
  // Administrators pick from every active organisation; organisation administrators have only their own.
  const orgs = useApi(
    async () =>
      isAdmin
        ? (await unwrap<AdminOrganisationView[]>(api.admin.organisations.$get())).filter((o) => o.active).map((o) => ({ id: o.id, name: o.name }))
        : (await unwrap<DirectoryView>(api.directory.$get())).organisations.filter((o) => o.id === user?.orgId).map((o) => ({ id: o.id, name: o.name })),
    `user-orgs-${version}`,
  );
  const blank: Draft = { username: '', displayName: '', orgId: isAdmin ? '' : (user?.orgId ?? ''), role: 'member', isOrgAdmin: false, credential: 'invitation' };
  const [draft, setDraft] = useState<Draft>(blank);
  const [editing, setEditing] = useState<{ id: string; displayName: string; orgId: string; role: Role; isOrgAdmin: boolean } | null>(null);
  const [issued, setIssued] = useState<{ name: string; credential: CredentialIssued } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const roles = isAdmin ? USER_ROLES : USER_ROLES.filter((r) => r !== 'administrator');

  const run = async <T,>(fn: () => Promise<T>): Promise<T | null> => {
    setError(null);
    try {
      const result = await guard(fn);
      setVersion((v) => v + 1);
      return result;
    } catch (e) {
      setError(errorMessage(e));
      return null;
    }
  };
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const created = await run(() => unwrap<CreatedUser>(api.admin.users.$post({ json: { ...draft, orgId: draft.orgId || (orgs.data?.[0]?.id ?? '') } })));
    if (created) {
      setIssued({ name: created.user.displayName, credential: created.credential });
      setDraft(blank);
    }
  };
  const patch = (id: string, json: Partial<Omit<Draft, 'username' | 'credential'>> & { active?: boolean }) => run(() => unwrap(api.admin.users[':userId'].$patch({ param: { userId: id }, json })));
  const reset = async (u: AdminUserView, credential: Credential) => {
    const credentialIssued = await run(() => unwrap<CredentialIssued>(api.admin.users[':userId']['reset-password'].$post({ param: { userId: u.id }, json: { credential } })));
    if (credentialIssued) setIssued({ name: u.displayName, credential: credentialIssued });
  };
  const orgOptions = orgs.data ?? [];

  return (
    <AdminLayout title="adm_users">
      <p className="hint">{isAdmin ? t('adm_usersIntro') : fill(t('adm_usersIntroOrgAdmin'), { org: user?.orgName ?? '' })}</p>
      {issued && <CredentialNotice name={issued.name} credential={issued.credential} onClose={() => setIssued(null)} />}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="table-scroll">
        <table className="data-table admin-table" aria-labelledby="admin-title">
          <thead>
            <tr>
              <th scope="col">{t('adm_displayName')}</th>
              <th scope="col">{t('adm_username')}</th>
              <th scope="col">{t('adm_organisation')}</th>
              <th scope="col">{t('adm_role')}</th>
              <th scope="col">{t('adm_status')}</th>
              <th scope="col">{t('adm_actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(users.data ?? []).map((u) =>
              editing?.id === u.id ? (
                <tr key={u.id}>
                  <td colSpan={6}>
                    <form
                      className="admin-grid"
                      onSubmit={async (e) => {
                        e.preventDefault();
                        const { id, ...json } = editing;
                        if (await patch(id, isAdmin ? json : { displayName: json.displayName, role: json.role })) setEditing(null);
                      }}
                    >
                      <label>
                        {t('adm_displayName')}
                        <input name="edit-displayName" value={editing.displayName} onChange={(e) => setEditing({ ...editing, displayName: e.target.value })} required />
                      </label>
                      {isAdmin && (
                        <label>
                          {t('adm_moveTo')}
                          <select name="edit-orgId" value={editing.orgId} onChange={(e) => setEditing({ ...editing, orgId: e.target.value })}>
                            {orgOptions.map((o) => (
                              <option key={o.id} value={o.id}>
                                {o.name}
                              </option>
                            ))}
                          </select>
                        </label>
                      )}
                      <label>
                        {t('adm_role')}
                        <select name="edit-role" value={editing.role} onChange={(e) => setEditing({ ...editing, role: e.target.value as Role })}>
                          {roles.map((r) => (
                            <option key={r} value={r}>
                              {tx(`userRole_${r}`)}
                            </option>
                          ))}
                        </select>
                      </label>
                      {isAdmin && (
                        <label className="check">
                          <input type="checkbox" name="edit-isOrgAdmin" checked={editing.isOrgAdmin} onChange={(e) => setEditing({ ...editing, isOrgAdmin: e.target.checked })} />
                          {t('adm_isOrgAdmin')}
                        </label>
                      )}
                      <div className="form-actions">
                        <button type="submit">{t('adm_save')}</button>
                        <button type="button" className="secondary" onClick={() => setEditing(null)}>
                          {t('adm_cancel')}
                        </button>
                      </div>
                    </form>
                  </td>
                </tr>
              ) : (
                <tr key={u.id} className={u.active ? undefined : 'row-inactive'} data-testid="user-row">
                  <td>
                    {u.displayName}
                    {u.isOrgAdmin && <span className="tag">{t('adm_orgAdminTag')}</span>}
                  </td>
                  <td>{u.username}</td>
                  <td>{u.orgName}</td>
                  <td>{tx(`userRole_${u.role}`)}</td>
                  <td>
                    {u.active ? t('adm_active') : t('adm_inactive')}
                    <span className="tag">
                      {t('adm_twoFactor')}: {u.twoFactorEnrolled ? t('adm_twoFactorOn') : t('adm_twoFactorOff')}
                    </span>
                    {u.locked && <span className="tag error">{t('adm_locked')}</span>}
                    {u.mustChangePassword && <span className="tag">{t('adm_mustChange')}</span>}
                  </td>
                  <td>
                    <div className="row-actions">
                      <button type="button" className="small secondary" onClick={() => setEditing({ id: u.id, displayName: u.displayName, orgId: u.orgId, role: u.role, isOrgAdmin: u.isOrgAdmin })}>
                        {t('adm_edit')}
                      </button>
                      <button type="button" className="small secondary" onClick={() => void reset(u, 'invitation')}>
                        {t('adm_resetPassword')}
                      </button>
                      {u.twoFactorEnrolled && (
                        <button type="button" className="small secondary" onClick={() => void run(() => unwrap(api.admin.users[':userId']['reset-second-factor'].$post({ param: { userId: u.id } })))}>
                          {t('adm_resetSecondFactor')}
                        </button>
                      )}
                      {u.locked && (
                        <button type="button" className="small secondary" onClick={() => void run(() => unwrap(api.admin.users[':userId'].unlock.$post({ param: { userId: u.id } })))}>
                          {t('adm_unlock')}
                        </button>
                      )}
                      {u.id !== user?.id &&
                        (u.active ? (
                          <button type="button" className="small danger" onClick={() => window.confirm(fill(t('adm_confirmDeactivateUser'), { name: u.displayName })) && void patch(u.id, { active: false })}>
                            {t('adm_deactivate')}
                          </button>
                        ) : (
                          <button type="button" className="small secondary" onClick={() => void patch(u.id, { active: true })}>
                            {t('adm_reactivate')}
                          </button>
                        ))}
                    </div>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
      <form className="panel" onSubmit={add} aria-labelledby="add-user-title" data-testid="add-user">
        <h2 id="add-user-title">{t('adm_addUser')}</h2>
        <div className="admin-grid">
          <label>
            {t('adm_displayName')}
            <input name="displayName" value={draft.displayName} onChange={(e) => setDraft({ ...draft, displayName: e.target.value })} required />
          </label>
          <label>
            {t('adm_username')}
            <input name="username" value={draft.username} onChange={(e) => setDraft({ ...draft, username: e.target.value })} required pattern="[a-z0-9][a-z0-9._\-]{2,31}" autoComplete="off" />
          </label>
          <label>
            {t('adm_organisation')}
            <select name="orgId" value={draft.orgId} onChange={(e) => setDraft({ ...draft, orgId: e.target.value })} required>
              {isAdmin && <option value="">—</option>}
              {orgOptions.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('adm_role')}
            <select name="role" value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as Role })}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {tx(`userRole_${r}`)}
                </option>
              ))}
            </select>
          </label>
          {isAdmin && (
            <label className="check">
              <input type="checkbox" name="isOrgAdmin" checked={draft.isOrgAdmin} onChange={(e) => setDraft({ ...draft, isOrgAdmin: e.target.checked })} />
              {t('adm_isOrgAdmin')}
            </label>
          )}
        </div>
        <fieldset className="inline-choices">
          <legend>{t('adm_credential')}</legend>
          {(['invitation', 'one_time_password'] as const).map((c) => (
            <label key={c}>
              <input type="radio" name="credential" value={c} checked={draft.credential === c} onChange={() => setDraft({ ...draft, credential: c })} />
              {t(`adm_credential_${c}`)}
            </label>
          ))}
        </fieldset>
        <div className="form-actions">
          <button type="submit">{t('adm_add')}</button>
        </div>
      </form>
      {dialog}
    </AdminLayout>
  );
}
