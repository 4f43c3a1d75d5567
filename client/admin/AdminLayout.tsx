import type { ReactNode } from 'react';
import { useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, usePath } from '../ui/router.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import './admin.css';

const TABS: { to: string; label: MessageKey; adminOnly: boolean }[] = [
  { to: '/admin', label: 'adm_settings', adminOnly: true },
  { to: '/admin/organisations', label: 'adm_organisations', adminOnly: true },
  { to: '/admin/users', label: 'adm_users', adminOnly: false },
  { to: '/admin/meeting-kinds', label: 'adm_meetingKinds', adminOnly: true },
  { to: '/audit', label: 'auditTitle', adminOnly: true },
];

/** The administration area: a tab row, then the page. Organisation administrators see Users only. */
export function AdminLayout({ title, children }: { title: MessageKey; children: ReactNode }) {
  const { t } = useI18n();
  const { user } = useSession();
  const path = usePath();
  const isAdmin = user?.role === 'administrator';
  return (
    <section className="admin-page">
      <nav aria-label={t('adm_navLabel')}>
        <ul className="admin-nav">
          {TABS.filter((tab) => isAdmin || !tab.adminOnly).map((tab) => (
            <li key={tab.to}>
              <span aria-current={path === tab.to ? 'page' : undefined}>
                <Link to={tab.to}>{t(tab.label)}</Link>
              </span>
            </li>
          ))}
        </ul>
      </nav>
      <h1 id="admin-title">{t(title)}</h1>
      {children}
    </section>
  );
}
