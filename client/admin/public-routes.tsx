import type { ReactNode } from 'react';
import { InvitationPage } from '../auth/InvitationPage.tsx';

/** Routes that work without signing in: the invitation link. */
export function publicRoute(path: string): ReactNode | null {
  const invite = /^\/invite\/([A-Za-z0-9_-]+)$/.exec(path);
  return invite ? <InvitationPage token={invite[1]!} /> : null;
}
