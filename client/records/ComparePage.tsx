import { useId, useState, type ReactNode } from 'react';
import type { CompareView, RecordMeeting } from '../../shared/api/records.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../ui/router.tsx';
import { useApi } from '../ui/useApi.ts';
import { changedFields, counts, field, type Change, type Side } from './compare-format.ts';
import { fill, hasLabel, known, optionalDate, recordHref, stageLabel } from './format.ts';
import { loadCase, loadCompare, loadDirectory } from './records-api.ts';

/** /cases/:caseId/compare?a=&b=: the plan and role assignments of two records, read from a to b. */
export function ComparePage({ caseId, a, b }: { caseId: string; a: string | null; b: string | null }) {
  const { t, tx } = useI18n();
  const [hideSame, setHideSame] = useState(false);
  const { data, error, loading } = useApi(async () => {
    if (!a || !b) throw new Error(t('rec_comparePickTwo'));
    const [view, kase, directory] = await Promise.all([loadCompare(a, b), loadCase(caseId).catch(() => null), loadDirectory().catch(() => null)]);
    const orgName = (id: string) => (id ? (directory?.organisations.find((o) => o.id === id)?.name ?? t('rec_unknownOrg')) : '');
    const personName = (id: string) => (id ? (kase?.persons.find((p) => p.id === id)?.name ?? t('rec_unknownPerson')) : '');
    // A plan item's 誰が: the agency's id from the board, or (older items) a name written out.
    const agencyOrText = (who: string) => directory?.organisations.find((o) => o.id === who)?.name ?? who;
    return { view, orgName, personName, agencyOrText };
  }, `${caseId}|${a}|${b}`);

  if (loading) return <p>{t('loading')}</p>;
  if (error || !data) return <p role="alert">{error?.message}</p>;
  const { view, orgName, personName, agencyOrText } = data;
  const n = counts(view);
  const shown = <T extends { change: Change }>(rows: T[]) => (hideSame ? rows.filter((r) => r.change !== 'same') : rows);

  return (
    <section className="records-page compare-page">
      <p>
        <Link to={`/cases/${caseId}/records`}>
          ← {t('rec_timelineTitle')} ({view.a.caseTitle})
        </Link>
      </p>
      <h1>{t('rec_compareTitle')}</h1>
      <div className="compare-heads">
        <MeetingHead meeting={view.a} side={t('rec_before')} />
        <span aria-hidden="true" className="compare-arrow">→</span>
        <MeetingHead meeting={view.b} side={t('rec_after')} />
      </div>
      <p className="compare-summary" data-testid="compare-summary">
        <span className="chg chg-added">＋ {t('rec_chg_added')} {n.added}</span>
        <span className="chg chg-removed">− {t('rec_chg_removed')} {n.removed}</span>
        <span className="chg chg-changed">△ {t('rec_chg_changed')} {n.changed}</span>
      </p>
      <label className="check">
        <input type="checkbox" checked={hideSame} onChange={(e) => setHideSame(e.target.checked)} />
        {t('rec_hideSame')}
      </label>

      <CompareTable title={t('section_plan')} testId="compare-plan" headA={view.a.title} headB={view.b.title}>
        {shown(view.plan.filter((row) => hasLabel(tx, `rec_plan_${row.field}`))).map((row) => {
          const show = (v: string | null) => (v === null ? '' : row.field === 'stage' ? stageLabel(tx, v) : v);
          return <Row key={row.field} label={known(tx, `rec_plan_${row.field}`, t('rec_unknownField'))} change={row.change} a={show(row.a)} b={show(row.b)} dates={row.field === 'monitoringDate'} />;
        })}
      </CompareTable>
      <CompareTable title={t('rec_planItems')} testId="compare-items" headA={view.a.title} headB={view.b.title}>
        {shown(view.planItems).map((row) => (
          <Row key={row.id} label={field(row.a ?? row.b, 'what')} change={row.change} a={<ItemText item={row.a} who={agencyOrText} />} b={<ItemText item={row.b} who={agencyOrText} />} fields={changedFields(row.a, row.b).map((f) => `rec_item_${f}`).filter((k) => hasLabel(tx, k))} />
        ))}
      </CompareTable>
      <CompareTable title={t('section_roles')} testId="compare-roles" headA={view.a.title} headB={view.b.title}>
        {shown(view.roles).map((row) => (
          <Row
            key={row.id}
            label={orgName(field(row.a ?? row.b, 'orgId'))}
            change={row.change}
            a={<RoleText role={row.a} personName={personName} orgName={orgName} />}
            b={<RoleText role={row.b} personName={personName} orgName={orgName} />}
            fields={changedFields(row.a, row.b).map((f) => `rec_roleField_${f}`).filter((k) => hasLabel(tx, k))}
          />
        ))}
      </CompareTable>
    </section>
  );
}

function MeetingHead({ meeting, side }: { meeting: RecordMeeting; side: string }) {
  const { dateTime } = useI18n();
  return (
    <div className="compare-head">
      <span className="muted">{side}</span>
      <Link to={recordHref(meeting.id)}>{meeting.title}</Link>
      <span className="muted small">{dateTime(meeting.openedAt ?? meeting.scheduledAt)}</span>
    </div>
  );
}

function CompareTable({ title, testId, headA, headB, children }: { title: string; testId: string; headA: string; headB: string; children: ReactNode[] }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <section className="compare-section" aria-labelledby={id} data-testid={testId}>
      <h2 id={id}>{title}</h2>
      {children.length === 0 ? (
        <p className="empty">{t('rec_noDifferences')}</p>
      ) : (
        <table className="data-table compare-table">
          <thead>
            <tr>
              <th scope="col">{t('rec_compareItem')}</th>
              <th scope="col">{t('rec_compareChange')}</th>
              <th scope="col">{fill(t('rec_beforeOf'), { title: headA })}</th>
              <th scope="col">{fill(t('rec_afterOf'), { title: headB })}</th>
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      )}
    </section>
  );
}

const MARK: Record<Change, string> = { added: '＋', removed: '−', changed: '△', same: '' };

function Row({ label, change, a, b, fields = [], dates }: { label: string; change: Change; a: ReactNode; b: ReactNode; fields?: string[]; dates?: boolean }) {
  const { t, tx, date } = useI18n();
  const cell = (v: ReactNode) => (dates && typeof v === 'string' ? optionalDate(date, v) : v === '' || v === null ? '—' : v);
  return (
    <tr className={`chg-row chg-${change}`} data-change={change}>
      <th scope="row">{label || '—'}</th>
      <td className="nowrap">
        <span className={`chg chg-${change}`}>
          {MARK[change]} {known(tx, `rec_chg_${change}`)}
        </span>
        {fields.length > 0 && <span className="chg-fields">{[...new Set(fields.map((f) => known(tx, f, t('rec_unknownField'))))].join('・')}</span>}
      </td>
      <td className="side-a">{change === 'removed' ? <del>{cell(a)}</del> : change === 'added' ? <span className="muted">{t('rec_absent')}</span> : cell(a)}</td>
      <td className="side-b">{change === 'added' ? <ins>{cell(b)}</ins> : change === 'removed' ? <span className="muted">{t('rec_absent')}</span> : cell(b)}</td>
    </tr>
  );
}

function ItemText({ item, who }: { item: Side; who(value: string): string }) {
  const { tx, date } = useI18n();
  if (!item) return null;
  return (
    <>
      {field(item, 'what')}
      <span className="muted small">
        {' '}
        ({[who(field(item, 'who')), optionalDate(date, item.byWhen), known(tx, `rec_itemStatus_${field(item, 'status')}`, '')].filter(Boolean).join(' · ')})
      </span>
    </>
  );
}

function RoleText({ role, personName, orgName }: { role: Side; personName(id: string): string; orgName(id: string): string }) {
  const { tx } = useI18n();
  if (!role) return null;
  return (
    <>
      {field(role, 'role')}
      <span className="muted small">
        {' '}
        ({[orgName(field(role, 'orgId')), field(role, 'personInCharge'), personName(field(role, 'personId')), known(tx, `rec_roleStatus_${field(role, 'status')}`, '')].filter(Boolean).join(' · ')})
      </span>
    </>
  );
}
