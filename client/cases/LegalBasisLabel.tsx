import type { CaseSummary } from '../../shared/api/cases.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** The case's legal basis, or a neutral word when this viewer may not know it (it tells whether the person consented). */
export function LegalBasisLabel({ basis }: { basis: CaseSummary['legalBasis'] }) {
  const { tx } = useI18n();
  return (
    <span data-testid="legal-basis-label" data-basis={basis ?? 'hidden'}>
      {tx(`basis_${basis ?? 'hidden'}`)}
    </span>
  );
}
