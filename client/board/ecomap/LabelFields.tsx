import type { ReactNode } from 'react';
import type { PersonView } from '../../../shared/api/cases.ts';
import type { LabelInput } from '../../../shared/api/compartments.ts';
import { CATEGORIES, type Category } from '../../../shared/domain/categories.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Organisation } from '../board-context.tsx';

/**
 * A labelled control. The label is a sibling, not a wrapper: a <select> inside its <label> would
 * lend its chosen option to the accessible name ("種類 機関" rather than "種類").
 */
export function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="eco-field">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

export function sameLabel(a: LabelInput, b: LabelInput): boolean {
  const allow = (l: LabelInput) => (l.allowOrgIds === null ? null : [...l.allowOrgIds].sort().join(','));
  return a.personId === b.personId && a.category === b.category && a.notToPerson === b.notToPerson && allow(a) === allow(b);
}

interface Props {
  value: LabelInput;
  onChange(next: LabelInput): void;
  persons: readonly PersonView[];
  /** Agencies that may be put on an allow-list: not the author's own (it always sees), not households. */
  choosable: readonly Organisation[];
  idPrefix: string;
}

/**
 * The label of a resource (who it concerns, what kind of information it is, and any
 * restriction): it picks the compartment, and so who may see the node at all. The same words
 * and categories as the 項目一覧 form.
 */
export function LabelFields({ value, onChange, persons, choosable, idPrefix }: Props) {
  const { t, tx } = useI18n();
  const set = (patch: Partial<LabelInput>) => onChange({ ...value, ...patch });
  const allowed = new Set(value.allowOrgIds ?? []);
  return (
    <fieldset className="eco-label-fields">
      <legend>{t('ecoLabelLegend')}</legend>
      <div className="eco-form-row">
        <Field id={`${idPrefix}-person`} label={t('ecoAboutPerson')}>
          <select id={`${idPrefix}-person`} name="personId" value={value.personId} onChange={(e) => set({ personId: e.target.value })}>
            {persons.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.relation})
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${idPrefix}-category`} label={t('ecoCategory')}>
          <select id={`${idPrefix}-category`} name="category" value={value.category} onChange={(e) => set({ category: e.target.value as Category })}>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {tx(`cat_${c}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <label className="check">
        <input type="checkbox" name="restrict" checked={value.allowOrgIds !== null} onChange={(e) => set({ allowOrgIds: e.target.checked ? [] : null })} />
        {t('ecoRestrict')}
      </label>
      {value.allowOrgIds !== null && (
        <fieldset className="org-choices">
          <legend>{t('ecoRestrictLegend')}</legend>
          {choosable.map((o) => (
            <label key={o.id} className="check">
              <input
                type="checkbox"
                name="allowOrgIds"
                value={o.id}
                checked={allowed.has(o.id)}
                onChange={(e) => {
                  const next = new Set(allowed);
                  if (e.target.checked) next.add(o.id);
                  else next.delete(o.id);
                  set({ allowOrgIds: [...next].sort() });
                }}
              />
              {o.name}
            </label>
          ))}
        </fieldset>
      )}
      <label className="check">
        <input type="checkbox" name="notToPerson" checked={value.notToPerson} onChange={(e) => set({ notToPerson: e.target.checked })} />
        {t('ecoNotToPersonCheck')}
      </label>
    </fieldset>
  );
}
