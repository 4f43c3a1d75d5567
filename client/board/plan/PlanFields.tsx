import { useId } from 'react';
import type * as Y from 'yjs';
import type { PlanStage } from '../../../shared/board/schema.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { fill } from '../board-format.ts';
import { Field } from '../label/Field.tsx';
import { useYMapField } from './useYMapField.ts';
import { YTextArea } from '../text/YTextField.tsx';
import { usePlanText } from '../text/usePlanText.ts';

export const PLAN_STAGES: readonly PlanStage[] = ['creation', 'change', 'ending', 'suspension'];

/**
 * The structured part of the plan, as municipal plan forms have it: 本人の目標 (in the person's
 * own words), 支援方針, the plan's stage and the next monitoring date. One Y.Map key per field;
 * the two typed fields are Y.Text, so two people writing in one at once both keep their words.
 * `pending`: this viewer's edits of the plan compartment not yet sent (offline).
 */
export function PlanFields({ plan, readOnly, pending = 0 }: { plan: Y.Map<string | Y.Text>; readOnly: boolean; pending?: number }) {
  const { t, tx, date } = useI18n();
  const id = useId();
  const goal = usePlanText(plan, 'goal', !readOnly);
  const policy = usePlanText(plan, 'policy', !readOnly);
  const scalars = plan as Y.Map<string>;
  const stage = useYMapField(scalars, 'stage', 0);
  const monitoring = useYMapField(scalars, 'monitoringDate', 0);
  const saving = pending > 0;
  // Choices take effect at once: there is nothing to debounce in picking one value.
  const pick = (field: typeof stage, value: string) => {
    field.change(value);
    field.flush();
  };

  return (
    <div className="plan-fields" data-testid="plan-fields">
      <div className="plan-goal">
        <label htmlFor={`${id}-goal`}>{t('planGoal')}</label>
        <p id={`${id}-goal-hint`} className="hint small">
          {t('planGoalHint')}
        </p>
        {goal.text && !readOnly ? (
          <YTextArea key="goal-shared" text={goal.text} id={`${id}-goal`} name="goal" rows={3} aria-describedby={`${id}-goal-hint`} />
        ) : (
          <textarea id={`${id}-goal`} name="goal" rows={3} aria-describedby={`${id}-goal-hint`} value={goal.value} readOnly />
        )}
      </div>
      <div className="plan-policy">
        <label htmlFor={`${id}-policy`}>{t('planPolicy')}</label>
        {policy.text && !readOnly ? (
          <YTextArea key="policy-shared" text={policy.text} id={`${id}-policy`} name="policy" rows={3} />
        ) : (
          <textarea id={`${id}-policy`} name="policy" rows={3} value={policy.value} readOnly />
        )}
      </div>
      <div className="plan-meta-row">
        <Field label={t('planStage')}>
          {(fieldId) => (
            <select id={fieldId} name="stage" value={stage.value || 'creation'} disabled={readOnly} onChange={(e) => pick(stage, e.target.value)}>
              {PLAN_STAGES.map((s) => (
                <option key={s} value={s}>
                  {tx(`planStage_${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('planMonitoring')}>
          {(fieldId) => (
            <input
              id={fieldId}
              type="date"
              name="monitoringDate"
              value={monitoring.value}
              readOnly={readOnly}
              aria-describedby={`${id}-monitoring`}
              onChange={(e) => pick(monitoring, e.target.value)}
            />
          )}
        </Field>
        <p id={`${id}-monitoring`} className="plan-wareki" data-testid="plan-monitoring-wareki">
          {monitoring.value ? fill(t('planMonitoringShown'), { date: date(monitoring.value) }) : t('notSet')}
        </p>
        <p className="muted small plan-save-state" role="status">
          {readOnly ? t('planReadOnly') : saving ? fill(t('planPending'), { n: pending }) : t('planSaved')}
        </p>
      </div>
    </div>
  );
}
