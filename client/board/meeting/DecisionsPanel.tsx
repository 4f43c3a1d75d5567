import { useMemo, useState } from 'react';
import { confirmationOf } from '../../../shared/api/decisions.ts';
import { board, isNewerSchema, type Decision } from '../../../shared/board/schema.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { fill, newItemId } from '../board-format.ts';
import { useBoard } from '../board-context.tsx';
import { useMapValues, useMapsAcross } from '../useYMap.ts';
import { createItemTexts, deleteItemTexts } from '../../../shared/board/texts.ts';
import { DecisionEditor } from './DecisionEditor.tsx';
import { DecisionForm, type DecisionDraft, type PlanItemChoice } from './DecisionForm.tsx';
import { DecisionRow } from './DecisionRow.tsx';
import { FollowToggle } from './FollowToggle.tsx';
import { useConfirmations } from './useConfirmations.ts';

/**
 * The board's side column under the participants: follow-the-facilitator (it must be mounted
 * whatever section is open, and this column always is) and the decisions.
 */
export function DecisionsPanel() {
  return (
    <>
      <FollowToggle />
      <Decisions />
    </>
  );
}

/** A value from the shared document that looks like a decision (any member can write there). */
const isDecision = (d: unknown): d is Decision => typeof d === 'object' && d !== null && typeof (d as Decision).id === 'string' && typeof (d as Decision).text === 'string';

/**
 * 決定事項: captured live by the facilitator into the meeting document, so members see each one
 * appear as it is recorded; confirmed through the server (see useConfirmations).
 */
function Decisions() {
  const { t } = useI18n();
  const { meeting, meetingDoc, organisations, compartments, manifest, isFacilitator, readOnly, user } = useBoard();
  const doc = meetingDoc?.doc ?? null;
  const map = useMemo(() => (doc ? board.decisions(doc) : null), [doc]);
  // The wording is read through its shared text (texts.ts): what the row shows, and what is confirmed.
  const decisions = useMapValues(map, 'decisions')
    .filter(isDecision)
    .sort((a, b) => String(a.createdAt).localeCompare(String(b.createdAt)) || a.id.localeCompare(b.id));
  const confirmations = useConfirmations(meeting.id, manifest, doc !== null);
  const planItems = usePlanItemChoices();
  const [editing, setEditing] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const manage = isFacilitator && !readOnly && doc !== null && !isNewerSchema(doc);

  const states = decisions.map((d) => confirmationOf(d, confirmations.list));
  const confirmedCount = states.filter((s) => s.state === 'confirmed').length;

  const record = (draft: DecisionDraft) => {
    const decision: Decision = { id: newItemId(), ...draft, confirmed: false, confirmedBy: null, createdBy: user.id, createdAt: new Date().toISOString() };
    if (!doc || !map) return;
    // The decision and its shared text in one transaction: nobody can race its first edit.
    doc.transact(() => {
      map.set(decision.id, decision);
      createItemTexts(doc, 'decisions', decision as Decision & Record<string, unknown>);
    });
    setAnnouncement(t('decisionRecorded'));
  };
  const update = (decision: Decision, draft: DecisionDraft) => {
    // Re-read: the row may have changed meanwhile. The wording is already in the shared text; the
    // plain string is kept in step for boards of an older version reading this document.
    const current = map?.get(decision.id);
    if (current) map?.set(decision.id, { ...current, ...draft });
    setEditing(null);
  };
  const confirm = async (decision: Decision) => {
    await confirmations.confirm(decision.id, { text: decision.text, ownerOrgId: decision.ownerOrgId ?? null, dueDate: decision.dueDate ?? null });
    setAnnouncement(t('decisionConfirmedNow'));
  };

  return (
    <section className="panel decisions" aria-labelledby="decisions-title" data-testid="decisions-panel">
      <div className="panel-title">
        <h2 id="decisions-title">{t('decisionsTitle')}</h2>
        {decisions.length > 0 && <small data-testid="decisions-count">{fill(t('decisionsCount'), { n: decisions.length, c: confirmedCount })}</small>}
      </div>
      {!doc && <p className="empty">{t('decisionsNoDoc')}</p>}
      {doc && decisions.length === 0 && <p className="empty">{t('decisionsEmpty')}</p>}
      {confirmations.error && (
        <p className="notice small" role="status">
          {t('confirmationsUnavailable')}
        </p>
      )}
      {decisions.length > 0 && (
        <ol className="decision-list">
          {decisions.map((d, i) =>
            editing === d.id ? (
              <li key={d.id} className="decision">
                <DecisionEditor doc={doc!} decision={d} organisations={organisations} planItems={planItems} onSave={(draft) => update(d, draft)} onClose={() => setEditing(null)} />
              </li>
            ) : (
              <DecisionRow
                key={d.id}
                decision={d}
                confirmation={states[i]!}
                ownerName={organisations.find((o) => o.id === d.ownerOrgId)?.name ?? null}
                planItemLabel={planItems.find((p) => p.id === d.planItemId)?.label ?? null}
                manage={manage}
                onEdit={() => setEditing(d.id)}
                onDelete={() =>
                  doc?.transact(() => {
                    map?.delete(d.id);
                    deleteItemTexts(doc, 'decisions', d.id);
                  })
                }
                onConfirm={() => confirm(d)}
              />
            ),
          )}
        </ol>
      )}
      {manage && editing === null && <DecisionForm organisations={organisations} planItems={planItems} onSubmit={record} />}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </section>
  );
}

/** Plan items of every compartment this viewer holds (what they cannot see, they cannot link). */
function usePlanItemChoices(): PlanItemChoice[] {
  const { compartments } = useBoard();
  const located = useMapsAcross(compartments.docs, board.planItems, 'planItems');
  return located
    .map(({ value }) => value)
    .filter((p) => typeof p === 'object' && p !== null && typeof p.id === 'string' && typeof p.what === 'string' && p.what.trim() !== '')
    .map((p) => ({ id: p.id, label: typeof p.who === 'string' && p.who.trim() ? `${p.what} (${p.who})` : p.what }));
}
