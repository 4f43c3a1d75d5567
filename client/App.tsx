import { useSession } from './auth/session.tsx';
import { LoginPage } from './auth/LoginPage.tsx';
import { CaseListPage } from './cases/CaseListPage.tsx';
import { CasePage } from './cases/CasePage.tsx';
import { MeetingBoardPage } from './board/MeetingBoardPage.tsx';
import { AppShell } from './ui/AppShell.tsx';
import { usePath } from './ui/router.tsx';
import { useI18n } from './i18n/i18n.tsx';

export function App() {
  const { user, loading } = useSession();
  const { t } = useI18n();
  const path = usePath();
  if (loading) return <p className="loading">{t('loading')}</p>;
  if (!user) return <LoginPage />;
  return <AppShell>{route(path)}</AppShell>;
}

function route(path: string) {
  const caseMatch = /^\/cases\/([^/]+)$/.exec(path);
  if (caseMatch) return <CasePage caseId={decodeURIComponent(caseMatch[1]!)} />;
  const meetingMatch = /^\/meetings\/([^/]+)$/.exec(path);
  if (meetingMatch) return <MeetingBoardPage key={meetingMatch[1]} meetingId={decodeURIComponent(meetingMatch[1]!)} />;
  return <CaseListPage />;
}
