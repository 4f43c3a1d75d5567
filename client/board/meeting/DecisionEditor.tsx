import type * as Y from 'yjs';
import type { Decision } from '../../../shared/board/schema.ts';
import type { Organisation } from '../board-context.tsx';
import { useItemTextEditing } from '../text/useItemTextEditing.ts';
import { DecisionForm, type DecisionDraft, type PlanItemChoice } from './DecisionForm.tsx';

interface Props {
  doc: Y.Doc;
  /** The decision as shown (its wording read through the shared text). */
  decision: Decision;
  organisations: readonly Organisation[];
  planItems: readonly PlanItemChoice[];
  onSave(draft: DecisionDraft): void;
  onClose(): void;
}

/**
 * Editing a recorded decision: the wording is typed into the decision's shared text (made from
 * the plain string of a decision from an older document when editing begins), so two screens
 * editing it at once keep both their words; キャンセル takes back only this screen's typing.
 */
export function DecisionEditor({ doc, decision, organisations, planItems, onSave, onClose }: Props) {
  const editing = useItemTextEditing(doc, 'decisions', decision as Decision & Record<string, unknown>, true);
  const shared = editing.texts?.text;
  if (!shared) return null;
  return (
    <DecisionForm
      initial={decision}
      shared={shared}
      organisations={organisations}
      planItems={planItems}
      onSubmit={onSave}
      onCancel={() => {
        editing.revert();
        onClose();
      }}
    />
  );
}
