import type { ReactNode } from 'react';
import { InvitationPage } from '../auth/InvitationPage.tsx';
import { SetupPage } from '../auth/SetupPage.tsx';

/** Routes that work without signing in: the invitation link, and the first administrator's setup link. */
export function publicRoute(path: string): ReactNode | null {
  const invite = /^\/invite\/([A-Za-z0-9_-]+)$/.exec(path);
  if (invite) return <InvitationPage token={invite[1]!} />;
  const setup = /^\/setup\/([A-Za-z0-9_-]+)$/.exec(path);
  return setup ? <SetupPage key={setup[1]} token={setup[1]!} /> : null;
}
