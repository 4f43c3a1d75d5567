import { useState, type FormEvent } from 'react';
import { ORG_FIELDS, type AdminOrganisationView, type OrgField } from '../../shared/api/admin.ts';
import { api, unwrap } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { errorMessage, fill } from '../consent/common.ts';
import { useApi } from '../ui/useApi.ts';
import { AdminLayout } from './AdminLayout.tsx';
import { useStepUp } from './useStepUp.tsx';

interface Draft {
  name: string;
  field: OrgField;
  isCoordinator: boolean;
}

function OrgFields({ draft, setDraft, idPrefix }: { draft: Draft; setDraft(d: Draft): void; idPrefix: string }) {
  const { t, tx } = useI18n();
  return (
    <div className="admin-grid">
      <label>
        {t('adm_name')}
        <input name={`${idPrefix}-name`} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} required maxLength={80} />
      </label>
      <label>
        {t('adm_field')}
        <select name={`${idPrefix}-field`} value={draft.field} onChange={(e) => setDraft({ ...draft, field: e.target.value as OrgField })}>
          {ORG_FIELDS.map((f) => (
            <option key={f} value={f}>
              {tx(`field_${f}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" name={`${idPrefix}-coordinator`} checked={draft.isCoordinator} onChange={(e) => setDraft({ ...draft, isCoordinator: e.target.checked })} />
        {t('adm_isCoordinator')}
      </label>
    </div>
  );
}

/** /admin/organisations: add, edit, deactivate (its users are signed out at once). */
export function OrganisationsPage() {
  const { t, tx } = useI18n();
  const { guard, dialog } = useStepUp();
  const [version, setVersion] = useState(0);
  const orgs = useApi(() => unwrap<AdminOrganisationView[]>(api.admin.organisations.$get()), `orgs-${version}`);
  const [draft, setDraft] = useState<Draft>({ name: '', field: 'elderly', isCoordinator: false });
  const [editing, setEditing] = useState<{ id: string; draft: Draft } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await guard(fn);
      setVersion((v) => v + 1);
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    }
  };
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (await run(() => unwrap(api.admin.organisations.$post({ json: draft })))) setDraft({ name: '', field: 'elderly', isCoordinator: false });
  };
  const patch = (id: string, json: Partial<Draft> & { active?: boolean }) => run(() => unwrap(api.admin.organisations[':orgId'].$patch({ param: { orgId: id }, json })));

  return (
    <AdminLayout title="adm_organisations">
      <p className="hint">{t('adm_orgIntro')}</p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="table-scroll">
        <table className="data-table admin-table" aria-labelledby="admin-title">
          <thead>
            <tr>
              <th scope="col">{t('adm_name')}</th>
              <th scope="col">{t('adm_field')}</th>
              <th scope="col">{t('adm_activeUsers')}</th>
              <th scope="col">{t('adm_status')}</th>
              <th scope="col">{t('adm_actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(orgs.data ?? []).map((o) =>
              editing?.id === o.id ? (
                <tr key={o.id}>
                  <td colSpan={5}>
                    <form
                      onSubmit={async (e) => {
                        e.preventDefault();
                        if (await patch(o.id, editing.draft)) setEditing(null);
                      }}
                    >
                      <OrgFields draft={editing.draft} setDraft={(d) => setEditing({ id: o.id, draft: d })} idPrefix="edit" />
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
                <tr key={o.id} className={o.active ? undefined : 'row-inactive'} data-testid="org-row">
                  <td>
                    {o.name}
                    {o.isCoordinator && <span className="tag">{t('adm_coordinatorYes')}</span>}
                  </td>
                  <td>{tx(`field_${o.field}`)}</td>
                  <td>{o.activeUserCount}</td>
                  <td>{o.active ? t('adm_active') : t('adm_inactive')}</td>
                  <td>
                    <div className="row-actions">
                      <button type="button" className="small secondary" onClick={() => setEditing({ id: o.id, draft: { name: o.name, field: o.field as OrgField, isCoordinator: o.isCoordinator } })}>
                        {t('adm_edit')}
                      </button>
                      {o.active ? (
                        <button
                          type="button"
                          className="small danger"
                          onClick={() => window.confirm(fill(t('adm_confirmDeactivateOrg'), { name: o.name, n: o.activeUserCount })) && void patch(o.id, { active: false })}
                        >
                          {t('adm_deactivate')}
                        </button>
                      ) : (
                        <button type="button" className="small secondary" onClick={() => void patch(o.id, { active: true })}>
                          {t('adm_reactivate')}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
      <form className="panel" onSubmit={add} aria-labelledby="add-org-title" data-testid="add-org">
        <h2 id="add-org-title">{t('adm_addOrganisation')}</h2>
        <OrgFields draft={draft} setDraft={setDraft} idPrefix="new" />
        <div className="form-actions">
          <button type="submit">{t('adm_add')}</button>
        </div>
      </form>
      {dialog}
    </AdminLayout>
  );
}
