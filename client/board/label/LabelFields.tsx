import type { Ref } from 'react';
import type { PersonView } from '../../../shared/api/cases.ts';
import { CATEGORIES, type Category } from '../../../shared/domain/categories.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import type { Organisation } from '../board-context.tsx';
import { Field } from './Field.tsx';
import { agencies, type LabelDraft } from './label-draft.ts';

/**
 * Each board section keeps its own look and wording (the ecomap asks for the "household member
 * concerned", 役割分担/支援内容 for the "person"), so the pickers differ only by this table.
 */
const SKINS = {
  rp: { fieldset: 'rp-label', row: 'rp-label-row', field: 'rp-field', legend: 'labelLegend', person: 'fieldPerson', category: 'fieldCategory', restrict: 'restrictShare', restrictLegend: 'restrictOrgsLegend', notToPerson: 'notToPerson', hint: 'labelHint' },
  eco: { fieldset: 'eco-label-fields', row: 'eco-form-row', field: 'eco-field', legend: 'ecoLabelLegend', person: 'ecoAboutPerson', category: 'ecoCategory', restrict: 'ecoRestrict', restrictLegend: 'ecoRestrictLegend', notToPerson: 'ecoNotToPersonCheck', hint: null },
  item: { fieldset: null, row: 'add-item-row', field: 'rp-field', legend: null, person: 'fieldPerson', category: 'fieldCategory', restrict: 'restrictShare', restrictLegend: 'restrictOrgsLegend', notToPerson: 'notToPerson', hint: null },
} as const satisfies Record<string, Skin>;

interface Skin {
  fieldset: string | null;
  row: string;
  field: string;
  legend: MessageKey | null;
  person: MessageKey;
  category: MessageKey;
  restrict: MessageKey;
  restrictLegend: MessageKey;
  notToPerson: MessageKey;
  hint: MessageKey | null;
}

export type LabelSkin = keyof typeof SKINS;

interface PartProps {
  value: LabelDraft;
  onChange(next: LabelDraft): void;
  skin: LabelSkin;
}

interface PersonCategoryProps extends PartProps {
  /** The household members offered (役割分担/支援内容 offer only the living). */
  persons: readonly PersonView[];
  firstRef?: Ref<HTMLSelectElement>;
}

/** Who the information is about and what kind it is: together they pick the consent that applies. */
export function PersonCategoryFields({ value, onChange, skin, persons, firstRef }: PersonCategoryProps) {
  const { t, tx } = useI18n();
  const s: Skin = SKINS[skin];
  return (
    <div className={s.row}>
      <Field label={t(s.person)} className={s.field}>
        {(id) => (
          <select id={id} ref={firstRef} name="personId" value={value.personId} onChange={(e) => onChange({ ...value, personId: e.target.value })}>
            {persons.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.relation})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t(s.category)} className={s.field}>
        {(id) => (
          <select id={id} name="category" value={value.category} onChange={(e) => onChange({ ...value, category: e.target.value as Category })}>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {tx(`cat_${c}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}

interface RestrictionProps extends PartProps {
  organisations: readonly Organisation[];
  /** The author's agency: it always sees what it entered, so it is not offered in the allow-list. */
  ownOrgId: string;
}

/** The optional allow-list of agencies (限定共有) and 本人非開示. */
export function RestrictionFields({ value, onChange, skin, organisations, ownOrgId }: RestrictionProps) {
  const { t } = useI18n();
  const s: Skin = SKINS[skin];
  const set = (patch: Partial<LabelDraft>) => onChange({ ...value, ...patch });
  const choosable = agencies(organisations).filter((o) => o.id !== ownOrgId);
  return (
    <>
      <label className="check">
        <input type="checkbox" name="restrict" checked={value.restrict} onChange={(e) => set({ restrict: e.target.checked })} />
        {t(s.restrict)}
      </label>
      {value.restrict && (
        <fieldset className="org-choices">
          <legend>{t(s.restrictLegend)}</legend>
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
        {t(s.notToPerson)}
      </label>
    </>
  );
}

/**
 * Person + category + optional restriction: the label that picks the compartment (and so who
 * may see the row), in one fieldset. Same vocabulary on every board section.
 */
export function LabelFields(props: PersonCategoryProps & RestrictionProps & { skin: 'rp' | 'eco' }) {
  const { t } = useI18n();
  const s: Skin = SKINS[props.skin];
  return (
    <fieldset className={s.fieldset ?? undefined}>
      {s.legend && <legend>{t(s.legend)}</legend>}
      <PersonCategoryFields {...props} />
      <RestrictionFields {...props} />
      {s.hint && <p className="hint small">{t(s.hint)}</p>}
    </fieldset>
  );
}
