import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { ensurePlanText, planFieldText, type PlanTextField } from '../../../shared/board/texts.ts';

export interface PlanText {
  /** The shared text to type into; null for a reader (or until the field is migrated). */
  text: Y.Text | null;
  /** What the field says now. */
  value: string;
}

/**
 * 本人の目標 / 支援方針 of the plan map. A writer turns a plain string of an older document into a
 * Y.Text on opening (before anyone types, so the words typed afterwards all merge); a reader
 * only reads, whichever form the document holds.
 */
export function usePlanText(plan: Y.Map<string | Y.Text>, field: PlanTextField, writable: boolean): PlanText {
  const read = (): PlanText => {
    const value = plan.get(field);
    return { text: value instanceof Y.Text ? value : null, value: planFieldText(plan as Y.Map<unknown>, field) };
  };
  const [state, setState] = useState(read);
  useEffect(() => {
    const refresh = () => setState(read());
    refresh();
    plan.observeDeep(refresh);
    if (writable && !(plan.get(field) instanceof Y.Text) && !plan.doc?.isDestroyed) {
      plan.doc?.transact(() => ensurePlanText(plan as Y.Map<unknown>, field));
    }
    return () => plan.unobserveDeep(refresh);
    // `read` reads only plan and field.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [plan, field, writable]);
  return state;
}
