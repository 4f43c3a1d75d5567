import { useSession } from './auth/session.tsx';
import { LoginPage } from './auth/LoginPage.tsx';
import { CaseListPage } from './cases/CaseListPage.tsx';
import { CasePage } from './cases/CasePage.tsx';
import { MeetingBoardPage } from './board/MeetingBoardPage.tsx';
import { ParticipantsPage } from './cases/ParticipantsPage.tsx';
import { ConsentPage } from './consent/ConsentPage.tsx';
import { AuditPage } from './admin/AuditPage.tsx';
import { AppShell } from './ui/AppShell.tsx';
import { usePath } from './ui/router.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { recordsPrintRoute, recordsRoute } from './records/routes.tsx';
import { adminRoute, publicRoute } from './admin/routes.tsx';
import { MustChangePasswordPage } from './auth/MustChangePasswordPage.tsx';
import { intakeRoute, publicIntakeRoute } from './intake/routes.tsx';

export function App() {
  const { user, loading } = useSession();
  const { t } = useI18n();
  const path = usePath();
  const invitation = publicIntakeRoute(path);
  if (invitation) return invitation;
  if (loading) return <p className="loading">{t('loading')}</p>;
  // Issue 10: invitation links work signed out; a one-time password must be replaced first.
  const open = publicRoute(path);
  if (open) return open;
  if (!user) return <LoginPage />;
  if (user.mustChangePassword) return <MustChangePasswordPage />;
  const print = recordsPrintRoute(path);
  if (print) return print;
  return <AppShell>{adminRoute(path) ?? intakeRoute(path) ?? recordsRoute(path) ?? route(path)}</AppShell>;
}

function route(path: string) {
  const consentMatch = /^\/cases\/([^/]+)\/consent$/.exec(path);
  if (consentMatch) return <ConsentPage key={consentMatch[1]} caseId={decodeURIComponent(consentMatch[1]!)} />;
  const participantsMatch = /^\/meetings\/([^/]+)\/participants$/.exec(path);
  if (participantsMatch) return <ParticipantsPage key={participantsMatch[1]} meetingId={decodeURIComponent(participantsMatch[1]!)} />;
  if (path === '/audit') return <AuditPage />;
  const caseMatch = /^\/cases\/([^/]+)$/.exec(path);
  if (caseMatch) return <CasePage caseId={decodeURIComponent(caseMatch[1]!)} />;
  const meetingMatch = /^\/meetings\/([^/]+)$/.exec(path);
  if (meetingMatch) return <MeetingBoardPage key={meetingMatch[1]} meetingId={decodeURIComponent(meetingMatch[1]!)} />;
  return <CaseListPage />;
}
