import { useId, useState } from 'react';
import type { MeetingDetail, PersonView } from '../../shared/api/cases.ts';
import type { CompartmentView, Manifest } from '../../shared/api/compartments.ts';
import type { DirectoryView } from '../../shared/api/participants.ts';
import { api, unwrap } from '../api/client.ts';
import { useSession } from '../auth/session.tsx';
import { orgLabel } from '../consent/common.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useApi } from '../ui/useApi.ts';

interface Props {
  meeting: MeetingDetail;
  persons: PersonView[];
  directory: DirectoryView;
  /** Bumped after every change on the page, so the preview follows it. */
  version: number;
}

/**
 * "As seen by": the manifest of one participant in this meeting, with what stays hidden and why.
 * Only the case's managers get here; the server refuses anyone else and logs every preview.
 */
export function AsSeenByPanel({ meeting, persons, directory, version }: Props) {
  const { t } = useI18n();
  const { user } = useSession();
  const id = useId();
  const [asUserId, setAsUserId] = useState('');
  const others = meeting.participants.filter((p) => p.userId !== user?.id);
  const selected = others.some((p) => p.userId === asUserId) ? asUserId : '';
  const { data, error, loading } = useApi<Manifest | null>(
    () =>
      selected
        ? unwrap<Manifest>(api.cases[':caseId'].manifest.$get({ param: { caseId: meeting.caseId }, query: { ctx: `meeting:${meeting.id}`, asUserId: selected } }))
        : Promise.resolve(null),
    `${selected}#${version}`,
  );

  return (
    <section className="panel as-seen-by" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('asSeenBy')}</h2>
      <p className="hint">{t('asSeenByIntro')}</p>
      <label>
        {t('asSeenByPick')}
        <select value={selected} onChange={(e) => setAsUserId(e.target.value)} data-testid="as-seen-by-select">
          <option value="">{t('participantChooseUser')}</option>
          {others.map((p) => (
            <option key={p.userId} value={p.userId}>
              {p.displayName} ({p.orgName})
            </option>
          ))}
        </select>
      </label>
      {selected && loading && <p>{t('loading')}</p>}
      {error && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
      {data && (
        <div aria-live="polite">
          <h3 id={`${id}-visible`}>{t('asSeenByVisible')}</h3>
          <CompartmentTable rows={data.compartments} persons={persons} directory={directory} labelledBy={`${id}-visible`} testId="as-seen-visible" />
          <h3 id={`${id}-hidden`}>{t('asSeenByHidden')}</h3>
          <CompartmentTable rows={data.hidden ?? []} persons={persons} directory={directory} labelledBy={`${id}-hidden`} testId="as-seen-hidden" />
        </div>
      )}
    </section>
  );
}

function CompartmentTable(props: { rows: CompartmentView[]; persons: PersonView[]; directory: DirectoryView; labelledBy: string; testId: string }) {
  const { rows, persons, directory, labelledBy, testId } = props;
  const { t, tx } = useI18n();
  if (rows.length === 0) return <p className="hint" data-testid={testId}>{t('asSeenByNone')}</p>;
  const personName = (personId: string) => persons.find((p) => p.id === personId)?.name ?? personId;
  return (
    <table className="data-table compact" aria-labelledby={labelledBy} data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('colPerson')}</th>
          <th scope="col">{t('colCategory')}</th>
          <th scope="col">{t('colSupplier')}</th>
          <th scope="col">{t('colAccess')}</th>
          <th scope="col">{t('colReason')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.docName} data-person={r.label.personId} data-category={r.label.category} data-supplier={r.label.supplierOrgId} data-reason={r.reason}>
            <td className="nowrap">{personName(r.label.personId)}</td>
            <td className="nowrap">{tx(`category_${r.label.category}`)}</td>
            <td>{orgLabel(directory, r.label.supplierOrgId, t('scopeAllMembers'))}</td>
            <td className="nowrap">{tx(`access_${r.access}`)}</td>
            <td>{tx(`reason_${r.reason}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
