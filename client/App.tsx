import { lazy, Suspense, useEffect, useState } from 'react';
import { useSession } from './auth/session.tsx';
import { LoginPage } from './auth/LoginPage.tsx';
import { CaseListPage } from './cases/CaseListPage.tsx';
import { CasePage } from './cases/CasePage.tsx';
import { MeetingBoardPage } from './board/MeetingBoardPage.tsx';
import { ParticipantsPage } from './cases/ParticipantsPage.tsx';
import { AppShell } from './ui/AppShell.tsx';
import { usePath } from './ui/router.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { SESSION_ENDED_EVENT } from './collab/close-policy.ts';
import { publicRoute } from './admin/public-routes.tsx';
import { MustChangePasswordPage } from './auth/MustChangePasswordPage.tsx';
import { publicIntakeRoute } from './intake/public-routes.tsx';
import { isAdminPath, isIntakePath } from './ui/area-paths.ts';

// Screens opened now and then load when opened, so the first screen comes up sooner.
const ConsentPage = lazy(() => import('./consent/ConsentPage.tsx').then((m) => ({ default: m.ConsentPage })));
const AuditPage = lazy(() => import('./admin/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
const RecordsEntry = lazy(() => import('./ui/RecordsEntry.tsx').then((m) => ({ default: m.RecordsEntry })));
const AdminEntry = lazy(() => import('./admin/routes.tsx').then((m) => ({ default: ({ path }: { path: string }) => <>{m.adminRoute(path)}</> })));
const IntakeEntry = lazy(() => import('./intake/routes.tsx').then((m) => ({ default: ({ path }: { path: string }) => <>{m.intakeRoute(path)}</> })));

export function App() {
  const { user, loading } = useSession();
  const { t } = useI18n();
  const path = usePath();
  const expired = useSessionEnded(user);
  // Invitation links work signed out (issue 10).
  const invitation = publicIntakeRoute(path) ?? publicRoute(path);
  if (invitation) return invitation;
  if (loading) return <p className="loading">{t('loading')}</p>;
  if (!user || expired) {
    return (
      <>
        {expired && (
          <p className="notice session-ended" role="alert" data-testid="session-ended">
            {t('sessionEnded')}
          </p>
        )}
        <LoginPage />
      </>
    );
  }
  // A one-time password must be replaced before anything else.
  if (user.mustChangePassword) return <MustChangePasswordPage />;
  const own = route(path);
  const loadingScreen = <p className="loading">{t('loading')}</p>;
  // Not one of the app's own screens: the records screens (their module decides, print included).
  if (!own) {
    return (
      <Suspense fallback={loadingScreen}>
        <RecordsEntry path={path} fallback={<CaseListPage />} />
      </Suspense>
    );
  }
  return (
    <AppShell>
      <Suspense fallback={loadingScreen}>{own}</Suspense>
    </AppShell>
  );
}

/**
 * A document socket closed with 4401 (the session ended under it): show the sign-in page, with
 * the reason, until someone signs in again. The board's unsent edits stay in this browser's local
 * copies and are sent when the board opens again.
 */
function useSessionEnded(user: unknown): boolean {
  const [expiredFor, setExpiredFor] = useState<unknown>(null);
  useEffect(() => {
    const onEnded = () => setExpiredFor(user);
    window.addEventListener(SESSION_ENDED_EVENT, onEnded);
    return () => window.removeEventListener(SESSION_ENDED_EVENT, onEnded);
  }, [user]);
  // A new sign-in gives a new user object: the notice is over.
  return expiredFor !== null && expiredFor === user;
}

function route(path: string) {
  // Administration and intake load as their own chunks, when opened.
  if (isAdminPath(path)) return <AdminEntry path={path} />;
  if (isIntakePath(path)) return <IntakeEntry path={path} />;
  const consentMatch = /^\/cases\/([^/]+)\/consent$/.exec(path);
  if (consentMatch) return <ConsentPage key={consentMatch[1]} caseId={decodeURIComponent(consentMatch[1]!)} />;
  const participantsMatch = /^\/meetings\/([^/]+)\/participants$/.exec(path);
  if (participantsMatch) return <ParticipantsPage key={participantsMatch[1]} meetingId={decodeURIComponent(participantsMatch[1]!)} />;
  if (path === '/audit') return <AuditPage />;
  const caseMatch = /^\/cases\/([^/]+)$/.exec(path);
  if (caseMatch) return <CasePage caseId={decodeURIComponent(caseMatch[1]!)} />;
  const meetingMatch = /^\/meetings\/([^/]+)$/.exec(path);
  if (meetingMatch) return <MeetingBoardPage key={meetingMatch[1]} meetingId={decodeURIComponent(meetingMatch[1]!)} />;
  if (path === '/' || path === '') return <CaseListPage />;
  return null;
}
