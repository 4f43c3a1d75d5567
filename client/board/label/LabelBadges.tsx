import type { LabelView } from '../../../shared/api/compartments.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { fill } from '../board-format.ts';

/** 限定共有 / 本人非開示 badges of a compartment's label; the restricted one names who may see. */
export function RestrictionBadges({ label, orgName }: { label: LabelView; orgName(orgId: string): string }) {
  const { t } = useI18n();
  const allowed = label.allowOrgIds === null ? null : label.allowOrgIds.length === 0 ? t('supplierOnly') : label.allowOrgIds.map(orgName).join('、');
  return (
    <>
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
    </>
  );
}

/** Category chip and restriction badges of a row's compartment, as on 項目一覧. */
export function LabelBadges({ label, orgName, readOnly }: { label: LabelView; orgName(orgId: string): string; readOnly?: boolean }) {
  const { t, tx } = useI18n();
  return (
    <span className="rp-badges">
      <span className={`cat-chip cat-${label.category}`}>{tx(`cat_${label.category}`)}</span>
      <RestrictionBadges label={label} orgName={orgName} />
      {readOnly && <span className="badge badge-muted">{t('badgeReadOnly')}</span>}
    </span>
  );
}
