import { useState, type FormEvent } from 'react';
import type { AdminMeetingKindView } from '../../shared/api/admin.ts';
import { api, unwrap } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { errorMessage } from '../consent/common.ts';
import { useApi } from '../ui/useApi.ts';
import { AdminLayout } from './AdminLayout.tsx';
import { useStepUp } from './useStepUp.tsx';
import { forgetMeetingKindNames } from './meeting-kind-names.ts';

interface Draft {
  id: string;
  nameJa: string;
  nameEn: string;
  consentRequired: boolean;
  confidentialityRequired: boolean;
  agendaText: string;
}
const toDraft = (k: AdminMeetingKindView): Draft => ({ ...k, agendaText: (k.agenda[''] ?? []).join('\n') });
const agendaOf = (text: string, old: Record<string, string[]> = {}) => ({ ...old, '': text.split('\n').map((l) => l.trim()).filter(Boolean) });

function KindFields({ draft, setDraft, flagsLocked, isNew }: { draft: Draft; setDraft(d: Draft): void; flagsLocked: boolean; isNew: boolean }) {
  const { t } = useI18n();
  const p = isNew ? 'new' : draft.id;
  return (
    <>
      <div className="admin-grid">
        {isNew && (
          <label>
            {t('adm_kindId')}
            <input name={`${p}-id`} value={draft.id} onChange={(e) => setDraft({ ...draft, id: e.target.value })} required pattern="[a-z][a-z0-9_]{1,39}" />
          </label>
        )}
        <label>
          {t('adm_nameJa')}
          <input name={`${p}-nameJa`} value={draft.nameJa} onChange={(e) => setDraft({ ...draft, nameJa: e.target.value })} required />
        </label>
        <label>
          {t('adm_nameEn')}
          <input name={`${p}-nameEn`} value={draft.nameEn} onChange={(e) => setDraft({ ...draft, nameEn: e.target.value })} required />
        </label>
        <label className="check">
          <input type="checkbox" name={`${p}-consent`} disabled={flagsLocked} checked={draft.consentRequired} onChange={(e) => setDraft({ ...draft, consentRequired: e.target.checked })} />
          {t('adm_consentRequired')}
        </label>
        <label className="check">
          <input type="checkbox" name={`${p}-confidentiality`} disabled={flagsLocked} checked={draft.confidentialityRequired} onChange={(e) => setDraft({ ...draft, confidentialityRequired: e.target.checked })} />
          {t('adm_confidentialityRequired')}
        </label>
      </div>
      <label className="block">
        {t('adm_agenda')} ({t('adm_agendaAnyMoment')})
        <textarea name={`${p}-agenda`} value={draft.agendaText} onChange={(e) => setDraft({ ...draft, agendaText: e.target.value })} />
      </label>
    </>
  );
}

/** /admin/meeting-kinds: names and agendas always; flags only on unused local kinds. */
export function MeetingKindsPage() {
  const { t } = useI18n();
  const { guard, dialog } = useStepUp();
  const [version, setVersion] = useState(0);
  const kinds = useApi(() => unwrap<AdminMeetingKindView[]>(api.admin['meeting-kinds'].$get()), `kinds-${version}`);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const blank: Draft = { id: '', nameJa: '', nameEn: '', consentRequired: false, confidentialityRequired: true, agendaText: '' };
  const [draft, setDraft] = useState<Draft>(blank);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const run = async (fn: () => Promise<unknown>) => {
    setMessage(null);
    try {
      await guard(fn);
      forgetMeetingKindNames();
      setVersion((v) => v + 1);
      setMessage({ ok: true, text: t('adm_saved') });
      return true;
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
      return false;
    }
  };
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const { agendaText, ...rest } = draft;
    if (await run(() => unwrap(api.admin['meeting-kinds'].$post({ json: { ...rest, agenda: agendaOf(agendaText) } })))) setDraft(blank);
  };
  return (
    <AdminLayout title="adm_meetingKinds">
      <p className="hint">{t('adm_kindsIntro')}</p>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'}>
          {message.text}
        </p>
      )}
      {(kinds.data ?? []).map((k) => {
        const d = drafts[k.id] ?? toDraft(k);
        return (
          <form
            key={k.id}
            className="panel kind-card"
            aria-labelledby={`kind-${k.id}`}
            onSubmit={async (e) => {
              e.preventDefault();
              const flags = k.builtIn || k.inUse ? {} : { consentRequired: d.consentRequired, confidentialityRequired: d.confidentialityRequired };
              await run(() => unwrap(api.admin['meeting-kinds'][':kindId'].$patch({ param: { kindId: k.id }, json: { nameJa: d.nameJa, nameEn: d.nameEn, ...flags, agenda: agendaOf(d.agendaText, k.agenda) } })));
            }}
          >
            <h2 id={`kind-${k.id}`}>
              {k.nameJa}
              {k.builtIn && <span className="tag">{t('adm_builtIn')}</span>}
              {k.inUse && <span className="tag">{t('adm_inUse')}</span>}
            </h2>
            <KindFields draft={d} setDraft={(next) => setDrafts({ ...drafts, [k.id]: next })} flagsLocked={k.builtIn || k.inUse} isNew={false} />
            <div className="form-actions">
              <button type="submit">{t('adm_save')}</button>
            </div>
          </form>
        );
      })}
      <form className="panel kind-card" onSubmit={add} aria-labelledby="add-kind-title" data-testid="add-kind">
        <h2 id="add-kind-title">{t('adm_addKind')}</h2>
        <KindFields draft={draft} setDraft={setDraft} flagsLocked={false} isNew />
        <div className="form-actions">
          <button type="submit">{t('adm_add')}</button>
        </div>
      </form>
      {dialog}
    </AdminLayout>
  );
}
