import type { ReactNode } from 'react';
import type { UserView } from '../../shared/api/auth.ts';
import { useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../ui/router.tsx';

/**
 * つなぐシート are written and followed by agency staff. An invitee (a guest, the person, a family
 * member) and an administrator are no referring agency: the server refuses their sheets, and the
 * screens neither offer the menu nor open the pages.
 */
export function canRefer(user: UserView | null): boolean {
  return !!user && user.role !== 'administrator' && !user.invitee;
}

/** The intake pages, or a plain refusal that says why and where to go instead. */
export function ReferralGate({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const { t } = useI18n();
  if (canRefer(user)) return <>{children}</>;
  return (
    <section className="intake-page">
      <h1>{t('in_nav')}</h1>
      <p role="alert" className="notice" data-testid="referral-refused">
        {user?.invitee ? t('in_refusedInvitee') : t('in_refusedAdministrator')}
      </p>
      <p>
        <Link to="/">{t('in_backHome')}</Link>
      </p>
    </section>
  );
}
