import { useEffect, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../auth/session.tsx';
import { Link, navigate } from './router.tsx';
import { DemoBanner } from '../admin/DemoBanner.tsx';
import { loadMeetingKindNames } from '../admin/meeting-kind-names.ts';
import { canRefer } from '../intake/ReferralGate.tsx';

export function AppShell({ children }: { children: ReactNode }) {
  const { t, locale, setLocale } = useI18n();
  const { user, logout } = useSession();
  // Meeting kinds by name on every screen, local and renamed ones too (issue 10).
  useEffect(() => {
    void loadMeetingKindNames();
  }, []);
  return (
    <div className="shell">
      <DemoBanner />
      <header className="topbar">
        <Link to="/" className="brand">
          <span aria-hidden="true" className="brand-mark" />
          {t('appName')}
        </Link>
        <nav aria-label="main">
          <Link to="/">{t('cases')}</Link>
          {/* An invitee comes for one meeting: no searching, and they refer nobody (the server refuses too). */}
          {!user?.invitee && <Link to="/cases/find">{t('in_navFind')}</Link>}
          {!user?.invitee && <Link to="/search">{t('rec_searchTitle')}</Link>}
          {canRefer(user) && <Link to="/intake">{t('in_nav')}</Link>}
          {canRefer(user) && user?.role === 'facilitator' && <Link to="/intake/inbox">{t('in_navInbox')}</Link>}
          {(user?.role === 'facilitator' || user?.role === 'administrator') && <Link to="/indicators">{t('rec_indicatorsNav')}</Link>}
          {(user?.role === 'facilitator' || user?.role === 'administrator') && <Link to="/audit">{t('auditTitle')}</Link>}
          {user?.role === 'administrator' && <Link to="/admin">{t('adm_nav')}</Link>}
          {user?.role !== 'administrator' && user?.isOrgAdmin && <Link to="/admin/users">{t('adm_nav')}</Link>}
          <Link to="/account">{t('adm_account')}</Link>
        </nav>
        <div className="topbar-right">
          {user && (
            <span className="who" data-testid="current-user">
              {user.displayName} <small>{user.orgName}</small>
            </span>
          )}
          <button type="button" className="link-button" onClick={() => setLocale(locale === 'ja' ? 'en' : 'ja')}>
            {t('language')}
          </button>
          {user && (
            <button
              type="button"
              onClick={async () => {
                await logout();
                navigate('/');
              }}
            >
              {t('logout')}
            </button>
          )}
        </div>
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
