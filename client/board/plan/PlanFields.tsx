import { useId } from 'react';
import type * as Y from 'yjs';
import type { PlanStage } from '../../../shared/board/schema.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { fill } from '../board-format.ts';
import { Field } from '../label/Field.tsx';
import { useYMapField } from './useYMapField.ts';

export const PLAN_STAGES: readonly PlanStage[] = ['creation', 'change', 'ending', 'suspension'];

/**
 * The structured part of the plan, as municipal plan forms have it: 本人の目標 (in the person's
 * own words), 支援方針, the plan's stage and the next monitoring date. One Y.Map key per field.
 */
export function PlanFields({ plan, readOnly }: { plan: Y.Map<string>; readOnly: boolean }) {
  const { t, tx, date } = useI18n();
  const id = useId();
  const goal = useYMapField(plan, 'goal');
  const policy = useYMapField(plan, 'policy');
  const stage = useYMapField(plan, 'stage', 0);
  const monitoring = useYMapField(plan, 'monitoringDate', 0);
  const saving = goal.pending || policy.pending;
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
        <textarea
          id={`${id}-goal`}
          name="goal"
          rows={3}
          aria-describedby={`${id}-goal-hint`}
          value={goal.value}
          readOnly={readOnly}
          onChange={(e) => goal.change(e.target.value)}
          onBlur={goal.flush}
        />
      </div>
      <div className="plan-policy">
        <label htmlFor={`${id}-policy`}>{t('planPolicy')}</label>
        <textarea id={`${id}-policy`} name="policy" rows={3} value={policy.value} readOnly={readOnly} onChange={(e) => policy.change(e.target.value)} onBlur={policy.flush} />
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
          {readOnly ? t('planReadOnly') : saving ? t('planSaving') : t('planSaved')}
        </p>
      </div>
    </div>
  );
}
