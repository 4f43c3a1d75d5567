import { useEffect, useRef } from 'react';
import { CATEGORIES, SENSITIVE_CATEGORIES, type Category } from '../../shared/domain/categories.ts';
import { ALL_MEMBERS, type ConsentScopeEntry } from '../../shared/domain/consent.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { fill } from './common.ts';

export type ScopeKey = `${Category}|${string}`;
export const scopeKey = (category: Category, orgId: string): ScopeKey => `${category}|${orgId}`;

export function toScopeSet(scope: ConsentScopeEntry[]): Set<ScopeKey> {
  return new Set(scope.map((e) => scopeKey(e.category, e.orgId)));
}

export function fromScopeSet(keys: Set<ScopeKey>): ConsentScopeEntry[] {
  return [...keys].map((key) => {
    const [category, orgId] = key.split('|') as [Category, string];
    return { category, orgId };
  });
}

interface Props {
  organisations: { id: string; name: string }[];
  value: Set<ScopeKey>;
  onChange(next: Set<ScopeKey>): void;
  disabled?: boolean;
}

/**
 * The consent scope as a grid: one row per category of information, one column per agency plus
 * "every member of the meeting". Each box is named 「医療・健康 × ひだまりクリニック」 for screen
 * readers; the first column and the first row tick a whole row or column.
 */
export function ScopeGrid({ organisations, value, onChange, disabled }: Props) {
  const { t, tx } = useI18n();
  const columns = [...organisations, { id: ALL_MEMBERS, name: t('scopeAllMembers') }];
  const categoryName = (c: Category) => tx(`category_${c}`);

  const setMany = (keys: ScopeKey[], on: boolean) => {
    const next = new Set(value);
    for (const key of keys) {
      if (on) next.add(key);
      else next.delete(key);
    }
    onChange(next);
  };
  const rowKeys = (c: Category) => columns.map((o) => scopeKey(c, o.id));
  const colKeys = (orgId: string) => CATEGORIES.map((c) => scopeKey(c, orgId));

  return (
    <div className="scope-grid-wrap">
      <table className="scope-grid">
        <caption>{t('scopeGridCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('scopeCategory')}</th>
            {columns.map((o) => (
              <th scope="col" key={o.id} className={o.id === ALL_MEMBERS ? 'all-members' : undefined}>
                {o.name}
              </th>
            ))}
          </tr>
          <tr className="toggles">
            <td>{t('scopeAll')}</td>
            {columns.map((o) => (
              <td key={o.id}>
                <GroupBox label={fill(t('scopeColAll'), { org: o.name })} keys={colKeys(o.id)} value={value} onSet={setMany} disabled={disabled} />
              </td>
            ))}
          </tr>
        </thead>
        <tbody>
          {CATEGORIES.map((c) => (
            <tr key={c} className={SENSITIVE_CATEGORIES.includes(c) ? 'sensitive' : undefined}>
              <th scope="row">
                <span className="row-head">
                  <GroupBox label={fill(t('scopeRowAll'), { category: categoryName(c) })} keys={rowKeys(c)} value={value} onSet={setMany} disabled={disabled} />
                  <span>
                    {categoryName(c)}
                    {SENSITIVE_CATEGORIES.includes(c) && <span className="sensitive-mark">※</span>}
                  </span>
                </span>
              </th>
              {columns.map((o) => {
                const key = scopeKey(c, o.id);
                return (
                  <td key={o.id} className={o.id === ALL_MEMBERS ? 'all-members' : undefined}>
                    <input
                      type="checkbox"
                      aria-label={fill(t('scopeCell'), { category: categoryName(c), org: o.name })}
                      checked={value.has(key)}
                      disabled={disabled}
                      onChange={(e) => setMany([key], e.target.checked)}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        {t('scopeSensitiveLegend')} · {t('scopeTaxHint')} {t('scopeDvHint')}
      </p>
    </div>
  );
}

/** A row or column toggle: checked when all of its boxes are, mixed when some are. */
function GroupBox({ label, keys, value, onSet, disabled }: { label: string; keys: ScopeKey[]; value: Set<ScopeKey>; onSet(keys: ScopeKey[], on: boolean): void; disabled?: boolean }) {
  const ref = useRef<HTMLInputElement>(null);
  const count = keys.filter((k) => value.has(k)).length;
  const all = count === keys.length;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = count > 0 && !all;
  }, [count, all]);
  return <input ref={ref} type="checkbox" className="group-toggle" aria-label={label} checked={all} disabled={disabled} onChange={() => onSet(keys, !all)} />;
}
