import type { ReactNode } from 'react';
import { InvitationLandingPage } from './InvitationLandingPage.tsx';

const decode = (s: string) => decodeURIComponent(s);

/** Reached before signing in: the invitation link itself. */
export function publicIntakeRoute(path: string): ReactNode | null {
  const invite = /^\/join\/([^/]+)$/.exec(path);
  return invite ? <InvitationLandingPage key={invite[1]} token={decode(invite[1]!)} /> : null;
}

