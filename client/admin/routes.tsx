import type { ReactNode } from 'react';
import { SettingsPage } from './SettingsPage.tsx';
import { OrganisationsPage } from './OrganisationsPage.tsx';
import { UsersPage } from './UsersPage.tsx';
import { MeetingKindsPage } from './MeetingKindsPage.tsx';
import { AccountPage } from '../auth/AccountPage.tsx';

/** Signed-in routes of the administration area and the account page (the server enforces who may). */
export function adminRoute(path: string): ReactNode | null {
  if (path === '/admin') return <SettingsPage />;
  if (path === '/admin/organisations') return <OrganisationsPage />;
  if (path === '/admin/users') return <UsersPage />;
  if (path === '/admin/meeting-kinds') return <MeetingKindsPage />;
  if (path === '/account') return <AccountPage />;
  return null;
}

