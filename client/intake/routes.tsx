import type { ReactNode } from 'react';
import { ReferralFormPage } from './ReferralFormPage.tsx';
import { MyReferralsPage } from './MyReferralsPage.tsx';
import { InboxPage } from './InboxPage.tsx';
import { ReferralReviewPage } from './ReferralReviewPage.tsx';
import { InvitationsPage } from './InvitationsPage.tsx';
import { CaseAdminPage } from '../cases/CaseAdminPage.tsx';
import { CaseFindPage } from '../cases/CaseFindPage.tsx';
import { ReferralGate } from './ReferralGate.tsx';

/** Intake, case administration and invitation screens (issue 10). null: not ours. */

const decode = (s: string) => decodeURIComponent(s);

export function intakeRoute(path: string): ReactNode | null {
  // Every つなぐシート page is for agency staff only (ReferralGate says why to anyone else).
  if (path === '/intake') return <ReferralGate><MyReferralsPage /></ReferralGate>;
  if (path === '/intake/new') return <ReferralGate><ReferralFormPage /></ReferralGate>;
  if (path === '/intake/inbox') return <ReferralGate><InboxPage /></ReferralGate>;
  if (path === '/cases/find') return <CaseFindPage />;
  const review = /^\/intake\/inbox\/([^/]+)$/.exec(path);
  if (review) return <ReferralGate><ReferralReviewPage key={review[1]} referralId={decode(review[1]!)} /></ReferralGate>;
  const admin = /^\/cases\/([^/]+)\/admin$/.exec(path);
  if (admin) return <CaseAdminPage key={admin[1]} caseId={decode(admin[1]!)} />;
  const invitations = /^\/meetings\/([^/]+)\/invitations$/.exec(path);
  if (invitations) return <InvitationsPage key={invitations[1]} meetingId={decode(invitations[1]!)} />;
  return null;
}
