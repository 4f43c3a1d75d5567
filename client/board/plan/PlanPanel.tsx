import { lazy, Suspense, useState } from 'react';
import type * as Y from 'yjs';
import { board } from '../../../shared/board/schema.ts';
import { ensurePlanText, PLAN_TEXT_FIELDS } from '../../../shared/board/texts.ts';
import type { CompartmentDoc } from '../../collab/compartment-pool.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { colorFor } from '../../ui/colors.ts';
import { useBoard } from '../board-context.tsx';
import { fill } from '../board-format.ts';
import { useMapValues } from '../useYMap.ts';
import { usePlanAccess } from './plan-access.ts';
import { PlanFields } from './PlanFields.tsx';
import { PlanItemsTable } from './PlanItemsTable.tsx';
// Rich text (Tiptap) loads with the plan's free text, not with the board.
const PlanText = lazy(() => import('./PlanText.tsx').then((m) => ({ default: m.PlanText })));

/**
 * 支援プラン: the plan of the subject (本人), kept in the subject's basic compartment supplied by
 * the coordinating agency (fields in Y.Map 'plan', free text in 'planText'), and the plan items
 * (支援内容), which carry labels of their own and come from every compartment the viewer holds.
 */
export function PlanPanel() {
  const b = useBoard();
  const { t, tx } = useI18n();
  const { loading, coordinator, subjectId, compartment, hidden } = usePlanAccess(b);
  const subject = b.persons.find((p) => p.id === subjectId) ?? null;
  const fields = useMapValues(compartment?.synced ? board.plan(compartment.doc) : null);
  const started = fields.length > 0;
  const stage = started ? compartment?.doc && board.plan(compartment.doc).get('stage') : null;

  let body;
  let state: string;
  if (loading) {
    state = 'loading';
    body = <p className="empty">{t('planLoading')}</p>;
  } else if (!compartment && hidden) {
    // Said plainly, and nothing more: not whether a plan exists, nor a word of it.
    state = 'hidden';
    body = (
      <div className="notice plan-note" data-testid="plan-hidden">
        <p>{t('planHidden')}</p>
        <p className="small">{fill(t('planHiddenReason'), { reason: tx(`reason_${hidden}`) })}</p>
      </div>
    );
  } else if (!subjectId || !coordinator) {
    state = 'no-subject';
    body = <p className="notice">{t('planNoSubject')}</p>;
  } else if (!compartment || !started) {
    state = 'not-started';
    const mayCreate = b.isFacilitator && b.user.orgId === coordinator.id && b.canAdd && !b.readOnly;
    body = mayCreate ? <CreatePlan subjectId={subjectId} /> : <NotStarted orgName={coordinator.name} />;
  } else {
    state = 'ready';
    body = <PlanBody compartment={compartment} />;
  }

  return (
    <section className="panel plan-panel" aria-labelledby="plan-title" data-testid="plan-panel" data-plan-state={state}>
      <div className="panel-title">
        <h2 id="plan-title">{t('planTitle')}</h2>
        {stage && (
          <span className={`plan-stage plan-stage-${stage}`} data-testid="plan-stage-badge">
            {tx(`planStage_${stage}`)}
          </span>
        )}
        {subject && <span className="muted">{subject.name}</span>}
      </div>
      {coordinator && state === 'ready' && <p className="muted small plan-source">{fill(t('planSuppliedBy'), { org: coordinator.name })}</p>}
      {body}
      <PlanItemsTable />
    </section>
  );
}

function PlanBody({ compartment }: { compartment: CompartmentDoc }) {
  const { t } = useI18n();
  const { user, readOnly, compartments } = useBoard();
  const locked = readOnly || compartment.access === 'read';
  const provider = compartments.pool?.providerOf(compartment.docName);
  return (
    <>
      <PlanFields plan={board.plan(compartment.doc)} readOnly={locked} pending={compartment.pending ?? 0} />
      <div className="plan-text">
        <h3 id="plan-text-title">{t('planText')}</h3>
        <p id="plan-text-hint" className="hint small">
          {t('planTextHint')}
        </p>
        {provider && (
          <Suspense fallback={<p className="muted">{t('loading')}</p>}>
          <PlanText
            key={compartment.docName}
            doc={compartment.doc}
            provider={provider}
            user={{ name: user.displayName, color: colorFor(user.id) }}
            readOnly={locked}
            label={t('planText')}
            describedBy="plan-text-hint"
          />
          </Suspense>
        )}
      </div>
    </>
  );
}

function NotStarted({ orgName }: { orgName: string }) {
  const { t } = useI18n();
  return (
    <div className="notice plan-note" data-testid="plan-not-started">
      <p>{t('planNotStarted')}</p>
      <p className="small">{fill(t('planFacilitatorStarts'), { org: orgName })}</p>
    </div>
  );
}

/** The facilitator of the coordinating agency opens the plan: stage 策定, in the plan compartment. */
function CreatePlan({ subjectId }: { subjectId: string }) {
  const { t } = useI18n();
  const { user, ensureCompartment } = useBoard();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      // The supplier is the author's agency (the server sets it), i.e. the coordinating agency.
      const c = await ensureCompartment({ personId: subjectId, category: 'basic', allowOrgIds: null, notToPerson: false });
      const plan = board.plan(c.doc);
      c.doc.transact(() => {
        if (!plan.has('stage')) plan.set('stage', 'creation');
        if (!plan.has('createdAt')) plan.set('createdAt', new Date().toISOString());
        if (!plan.has('createdBy')) plan.set('createdBy', user.id);
        // The typed fields start as shared texts, so even the first words typed merge.
        for (const field of PLAN_TEXT_FIELDS) if (!plan.has(field)) ensurePlanText(plan as Y.Map<unknown>, field);
      });
    } catch (e) {
      setError(`${t('planCreateFailed')}: ${(e as Error).message}`);
      setBusy(false);
    }
  };
  return (
    <div className="notice plan-note" data-testid="plan-not-started">
      <p>{t('planNotStarted')}</p>
      <button type="button" onClick={() => void create()} disabled={busy}>
        {busy ? t('planCreating') : t('planCreate')}
      </button>
      <p role="status" className="error">
        {error}
      </p>
    </div>
  );
}
