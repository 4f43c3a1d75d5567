import { useId, type ReactNode, type Ref } from 'react';
import type { PersonView } from '../../../shared/api/cases.ts';
import type { LabelInput, LabelView } from '../../../shared/api/compartments.ts';
import { CATEGORIES, type Category } from '../../../shared/domain/categories.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Organisation } from '../board-context.tsx';
import { fill } from '../board-format.ts';

/** The label of a new row, as the add forms of 役割分担 and 支援内容 edit it. */
export interface LabelDraft {
  personId: string;
  category: Category;
  restrict: boolean;
  allowed: ReadonlySet<string>;
  notToPerson: boolean;
}

export function initialLabel(persons: readonly PersonView[]): LabelDraft {
  // 生活状況 by default: the category most role and plan rows belong to, and widely consented.
  return { personId: persons.find((p) => p.isSubject)?.id ?? persons[0]?.id ?? '', category: 'living', restrict: false, allowed: new Set(), notToPerson: false };
}

export function toLabelInput(draft: LabelDraft): LabelInput {
  return { personId: draft.personId, category: draft.category, allowOrgIds: draft.restrict ? [...draft.allowed].sort() : null, notToPerson: draft.notToPerson };
}

/** Household members a role or plan row can be about: the living ones. */
export const livingPersons = (persons: readonly PersonView[]) => persons.filter((p) => !p.deceased);

/** Agencies, not the household's own accounts. */
export const agencies = (organisations: readonly Organisation[]) => organisations.filter((o) => o.field !== 'resident');

/**
 * A form field whose label names only the field: a <label> wrapped around a <select> would also
 * read out every option ("状況 予定 実施中 …") and collide with other fields' names.
 */
export function Field({ label, className, children }: { label: string; className?: string; children(id: string): ReactNode }) {
  const id = useId();
  return (
    <div className={className ? `rp-field ${className}` : 'rp-field'}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

interface Props {
  value: LabelDraft;
  onChange(next: LabelDraft): void;
  persons: readonly PersonView[];
  organisations: readonly Organisation[];
  /** The author's agency: it always sees what it entered, so it is not offered in the allow-list. */
  ownOrgId: string;
  firstRef?: Ref<HTMLSelectElement>;
}

/**
 * Person + category + optional restriction: the label that picks the compartment (and so who
 * may see the row). Same wording as the 項目一覧 form, so a worker meets one vocabulary.
 */
export function LabelFields({ value, onChange, persons, organisations, ownOrgId, firstRef }: Props) {
  const { t, tx } = useI18n();
  const set = (patch: Partial<LabelDraft>) => onChange({ ...value, ...patch });
  const choosable = agencies(organisations).filter((o) => o.id !== ownOrgId);
  return (
    <fieldset className="rp-label">
      <legend>{t('labelLegend')}</legend>
      <div className="rp-label-row">
        <Field label={t('fieldPerson')}>
          {(id) => (
            <select id={id} ref={firstRef} name="personId" value={value.personId} onChange={(e) => set({ personId: e.target.value })}>
              {livingPersons(persons).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.relation})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('fieldCategory')}>
          {(id) => (
            <select id={id} name="category" value={value.category} onChange={(e) => set({ category: e.target.value as Category })}>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {tx(`cat_${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <label className="check">
        <input type="checkbox" name="restrict" checked={value.restrict} onChange={(e) => set({ restrict: e.target.checked })} />
        {t('restrictShare')}
      </label>
      {value.restrict && (
        <fieldset className="org-choices">
          <legend>{t('restrictOrgsLegend')}</legend>
          {choosable.map((o) => (
            <label key={o.id} className="check">
              <input
                type="checkbox"
                name="allowOrgIds"
                value={o.id}
                checked={value.allowed.has(o.id)}
                onChange={(e) => {
                  const allowed = new Set(value.allowed);
                  if (e.target.checked) allowed.add(o.id);
                  else allowed.delete(o.id);
                  set({ allowed });
                }}
              />
              {o.name}
            </label>
          ))}
        </fieldset>
      )}
      <label className="check">
        <input type="checkbox" name="notToPerson" checked={value.notToPerson} onChange={(e) => set({ notToPerson: e.target.checked })} />
        {t('notToPerson')}
      </label>
      <p className="hint small">{t('labelHint')}</p>
    </fieldset>
  );
}

/** Category chip and 限定共有 / 本人非開示 badges of a row's compartment, as on 項目一覧. */
export function LabelBadges({ label, orgName, readOnly }: { label: LabelView; orgName(orgId: string): string; readOnly?: boolean }) {
  const { t, tx } = useI18n();
  const allowed = label.allowOrgIds === null ? null : label.allowOrgIds.length === 0 ? t('supplierOnly') : label.allowOrgIds.map(orgName).join('、');
  return (
    <span className="rp-badges">
      <span className={`cat-chip cat-${label.category}`}>{tx(`cat_${label.category}`)}</span>
      {allowed !== null && (
        <span className="badge badge-restricted" title={fill(t('badgeRestrictedTitle'), { orgs: allowed })}>
          {t('badgeRestricted')}
          <span className="visually-hidden"> ({fill(t('badgeRestrictedTitle'), { orgs: allowed })})</span>
        </span>
      )}
      {label.notToPerson && (
        <span className="badge badge-private" title={t('badgeNotToPersonTitle')}>
          {t('badgeNotToPerson')}
        </span>
      )}
      {readOnly && <span className="badge badge-muted">{t('badgeReadOnly')}</span>}
    </span>
  );
}
