import type { PersonView } from '../../../shared/api/cases.ts';
import type { LabelInput } from '../../../shared/api/compartments.ts';
import type { Category } from '../../../shared/domain/categories.ts';
import type { Organisation } from '../board-context.tsx';

/**
 * A label while a form edits it. The allow-list is kept apart from the "restrict" switch so that
 * unticking and re-ticking the switch in the 項目一覧 / 役割分担 / 支援内容 forms gives back the
 * agencies already chosen.
 */
export interface LabelDraft {
  personId: string;
  category: Category;
  restrict: boolean;
  allowed: ReadonlySet<string>;
  notToPerson: boolean;
}

export function initialLabel(persons: readonly PersonView[]): LabelDraft {
  // 生活状況 by default: the category most rows belong to, and widely consented.
  return { personId: persons.find((p) => p.isSubject)?.id ?? persons[0]?.id ?? '', category: 'living', restrict: false, allowed: new Set(), notToPerson: false };
}

export function toLabelInput(draft: LabelDraft): LabelInput {
  return { personId: draft.personId, category: draft.category, allowOrgIds: draft.restrict ? [...draft.allowed].sort() : null, notToPerson: draft.notToPerson };
}

export function fromLabelInput(label: LabelInput): LabelDraft {
  return { personId: label.personId, category: label.category, restrict: label.allowOrgIds !== null, allowed: new Set(label.allowOrgIds ?? []), notToPerson: label.notToPerson };
}

/** Whether two labels name the same compartment (the allow-list's order does not matter). */
export function sameLabel(a: LabelInput, b: LabelInput): boolean {
  const allow = (l: LabelInput) => (l.allowOrgIds === null ? null : [...l.allowOrgIds].sort().join(','));
  return a.personId === b.personId && a.category === b.category && a.notToPerson === b.notToPerson && allow(a) === allow(b);
}

/** Household members a role or plan row can be about: the living ones. */
export const livingPersons = (persons: readonly PersonView[]) => persons.filter((p) => !p.deceased);

/** Agencies, not the household's own accounts. */
export const agencies = (organisations: readonly Organisation[]) => organisations.filter((o) => o.field !== 'resident');
