import { useId, type ReactNode } from 'react';
import { board } from '../../shared/board/schema.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { fill, hasLabel, known, labelText, optionalDate, stageLabel } from './format.ts';
import { RichTextView } from './RichTextView.tsx';
import { planTextDoc, readAgenda, readDecisions, readNotes, readPlan, readPlanItems, readRoles } from './snapshot.ts';
import type { LoadedRecord } from './useRecord.ts';

/** The parts of a record, read-only; shared by the record screen and its print layout. */

export function RecordSection({ title, testId, children, className }: { title: string; testId: string; children: ReactNode; className?: string }) {
  const id = useId();
  return (
    <section id={testId} className={`record-section ${className ?? ''}`} aria-labelledby={id} data-testid={testId}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** `compact`: a list for the narrow side column; the print layout keeps the table. */
export function AttendeesSection({ record, compact }: { record: LoadedRecord; compact?: boolean }) {
  const { t, tx } = useI18n();
  const { attendees } = record.view;
  return (
    <RecordSection title={t('rec_attendees')} testId="record-attendees">
      {attendees.length === 0 ? (
        <p className="empty">{record.snapshot.meetingDoc ? t('none') : t('rec_notShown')}</p>
      ) : compact ? (
        <ul className="attendee-list">
          {attendees.map((a) => (
            <li key={a.userId}>
              <span className="attendee-name">{a.displayName}</span> <span className="badge badge-muted">{known(tx, `role_${a.role}`, t('rec_role'))}</span>
              <br />
              <small className="muted">{a.orgName}</small>
            </li>
          ))}
        </ul>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('rec_name')}</th>
              <th scope="col">{t('rec_agency')}</th>
              <th scope="col">{t('rec_role')}</th>
            </tr>
          </thead>
          <tbody>
            {attendees.map((a) => (
              <tr key={a.userId}>
                <td>{a.displayName}</td>
                <td>{a.orgName}</td>
                <td>{known(tx, `role_${a.role}`, t('rec_role'))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </RecordSection>
  );
}

export function DecisionsSection({ record }: { record: LoadedRecord }) {
  const { t, date } = useI18n();
  const decisions = readDecisions(record.snapshot.meetingDoc);
  // Confirmed means the server recorded the facilitator's confirmation of this content; the
  // document's own `confirmed` field is writable by any member and proves nothing.
  const confirmed = new Set(record.view.confirmedDecisionIds);
  return (
    <RecordSection title={t('rec_decisions')} testId="record-decisions">
      {decisions.length === 0 ? (
        <p className="empty">{t('rec_noneRecorded')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('rec_decision')}</th>
              <th scope="col">{t('rec_owner')}</th>
              <th scope="col">{t('rec_due')}</th>
              <th scope="col">{t('rec_confirmed')}</th>
            </tr>
          </thead>
          <tbody>
            {decisions.map((d) => (
              <tr key={d.id}>
                <td>{d.text}</td>
                <td>{record.orgName(d.ownerOrgId)}</td>
                <td className="nowrap">{optionalDate(date, d.dueDate)}</td>
                <td className="nowrap">{confirmed.has(d.id) ? t('rec_confirmedYes') : t('rec_confirmedNo')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </RecordSection>
  );
}

export function AgendaSection({ record }: { record: LoadedRecord }) {
  const { t } = useI18n();
  const agenda = readAgenda(record.snapshot.meetingDoc);
  return (
    <RecordSection title={t('section_agenda')} testId="record-agenda">
      {agenda.length === 0 ? (
        <p className="empty">{t('rec_noneRecorded')}</p>
      ) : (
        <ol className="record-agenda">
          {agenda.map((a) => (
            <li key={a.id}>
              {a.text} {a.done && <span className="muted">({t('rec_agendaDone')})</span>}
            </li>
          ))}
        </ol>
      )}
    </RecordSection>
  );
}

export function MinutesSection({ record }: { record: LoadedRecord }) {
  const { t } = useI18n();
  const doc = record.snapshot.meetingDoc;
  return (
    <RecordSection title={t('rec_minutesTitle')} testId="record-minutes">
      <RichTextView fragment={doc ? board.minutes(doc) : null} empty={doc ? t('rec_noneRecorded') : t('rec_notShown')} />
    </RecordSection>
  );
}

const PLAN_FIELDS = ['goal', 'policy', 'stage', 'monitoringDate'] as const;

export function PlanSection({ record }: { record: LoadedRecord }) {
  const { t, tx, date } = useI18n();
  const plan = readPlan(record.snapshot.compartments, record.subjectId);
  const items = readPlanItems(record.snapshot.compartments);
  const textDoc = planTextDoc(record.snapshot.compartments, record.subjectId);
  // Only fields a person has a word for: internal ones (createdAt, updatedBy …) stay out of the record.
  const extra = Object.keys(plan).filter((k) => !(PLAN_FIELDS as readonly string[]).includes(k) && hasLabel(tx, `rec_plan_${k}`));
  const value = (field: string) =>
    field === 'stage' ? stageLabel(tx, plan.stage) : field === 'monitoringDate' ? optionalDate(date, plan.monitoringDate) : (plan[field] ?? '—');
  return (
    <RecordSection title={t('section_plan')} testId="record-plan">
      {Object.keys(plan).length === 0 && items.length === 0 ? (
        <p className="empty">{t('rec_noneRecorded')}</p>
      ) : (
        <>
          <dl className="facts plan-facts">
            {[...PLAN_FIELDS, ...extra].map((f) => (
              <div key={f} className="fact-row">
                <dt>{tx(`rec_plan_${f}`)}</dt>
                <dd>{value(f)}</dd>
              </div>
            ))}
          </dl>
          {textDoc && <RichTextView fragment={board.planText(textDoc)} headingBase={4} empty="" />}
          <h3>{t('rec_planItems')}</h3>
          {items.length === 0 ? (
            <p className="empty">{t('rec_noneRecorded')}</p>
          ) : (
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('rec_item_what')}</th>
                  <th scope="col">{t('rec_item_who')}</th>
                  <th scope="col">{t('rec_item_byWhen')}</th>
                  <th scope="col">{t('rec_item_status')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map(({ item }) => (
                  <tr key={item.id}>
                    <td>{item.what}</td>
                    <td>{item.who}</td>
                    <td className="nowrap">{optionalDate(date, item.byWhen)}</td>
                    <td className="nowrap">{known(tx, `rec_itemStatus_${item.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </RecordSection>
  );
}

export function RolesSection({ record }: { record: LoadedRecord }) {
  const { t, tx, date } = useI18n();
  const roles = readRoles(record.snapshot.compartments);
  return (
    <RecordSection title={t('section_roles')} testId="record-roles">
      {roles.length === 0 ? (
        <p className="empty">{t('rec_noneRecorded')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('rec_agency')}</th>
              <th scope="col">{t('rec_personInCharge')}</th>
              <th scope="col">{t('rec_role')}</th>
              <th scope="col">{t('rec_concerning')}</th>
              <th scope="col">{t('rec_period')}</th>
              <th scope="col">{t('rec_item_status')}</th>
            </tr>
          </thead>
          <tbody>
            {roles.map(({ item: r }) => (
              <tr key={r.id}>
                <td>{record.orgName(r.orgId)}</td>
                <td>{r.personInCharge}</td>
                <td>{r.role}</td>
                <td className="nowrap">{record.personName(r.personId)}</td>
                <td>{r.from || r.until ? `${optionalDate(date, r.from)} 〜 ${r.until ? optionalDate(date, r.until) : ''}` : '—'}</td>
                <td className="nowrap">{known(tx, `rec_roleStatus_${r.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </RecordSection>
  );
}

export function NotesSection({ record }: { record: LoadedRecord }) {
  const { t, tx } = useI18n();
  const notes = readNotes(record.snapshot.compartments);
  return (
    <RecordSection title={t('rec_notesTitle')} testId="record-notes">
      <p className="hint">{t('rec_notesHint')}</p>
      {notes.length === 0 ? (
        <p className="empty">{t('rec_noneRecorded')}</p>
      ) : (
        <ul className="board-items">
          {notes.map(({ item, label }) => (
            <li key={`${label.personId}/${label.category}/${item.id}`} className="board-item" data-category={label.category}>
              <div className="item-head">
                <span className={`cat-chip cat-${label.category}`}>{labelText(tx, label, record.personName)}</span>
                {label.allowOrgIds !== null && <span className="badge badge-restricted">{t('badgeRestricted')}</span>}
                {label.notToPerson && <span className="badge badge-private">{t('badgeNotToPerson')}</span>}
              </div>
              <p className="item-text">{item.text}</p>
              <p className="item-meta">
                {fill(t('suppliedBy'), { org: record.orgName(label.supplierOrgId) })}
                {item.authorName && ` · ${fill(t('enteredBy'), { name: item.authorName })}`}
              </p>
            </li>
          ))}
        </ul>
      )}
    </RecordSection>
  );
}
