import { OpenAPIHono } from '@hono/zod-openapi';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import type { UpgradeWebSocket } from 'hono/ws';
import type { AppEnv, Deps } from './deps.ts';
import { sessionMiddleware } from './auth/session-middleware.ts';
import { isAllowedOrigin, trustedOrigins } from './auth/origin.ts';
import { authRoutes } from './routes/auth.ts';
import { caseRoutes } from './routes/cases.ts';
import { meetingRoutes } from './routes/meetings.ts';
import { participantRoutes } from './routes/participants.ts';
import { consentRoutes } from './routes/consents.ts';
import { compartmentRoutes } from './routes/compartments.ts';
import { directoryRoutes } from './routes/directory.ts';
import { auditRoutes } from './routes/audit.ts';
import { meetingKindRoutes } from './routes/meeting-kinds.ts';
import { auditDenials } from './audit/denial-middleware.ts';
import { recordRoutes } from './routes/records.ts';
import { meetingScheduleRoutes } from './routes/meeting-schedule.ts';
import { decisionRoutes } from './decisions/routes.ts';
import { mountCollab } from './collab/endpoint.ts';
import { healthRoutes } from './routes/health.ts';
import { mountClient } from './routes/client.ts';
import { boundedBodies, noStore, securityHeaders } from './http-hardening.ts';
import { adminSettingsRoutes } from './routes/admin-settings.ts';
import { adminOrganisationRoutes } from './routes/admin-organisations.ts';
import { adminUserRoutes } from './routes/admin-users.ts';
import { adminMeetingKindRoutes } from './routes/admin-meeting-kinds.ts';
import { secondFactorRoutes } from './routes/admin-second-factor.ts';
import { passwordRoutes } from './routes/admin-password.ts';
import { invitationRoutes } from './routes/admin-invitations.ts';
import { intakeRoutes } from './routes/intake.ts';
import { caseHouseholdRoutes } from './routes/case-admin-household.ts';
import { caseCoordinatorRoutes } from './routes/case-admin-coordinators.ts';
import { caseLifecycleRoutes } from './routes/case-admin-lifecycle.ts';
import { caseConsentDocumentRoutes } from './routes/case-admin-consent-documents.ts';
import { caseSearchRoutes } from './routes/case-admin-search.ts';
import { invitationRoutes as meetingInvitationRoutes } from './routes/invitations.ts';
import { setupRoutes } from './routes/setup.ts';

/** The Hono app: JSON API under /api, documents under /collab, the built client everywhere else. */
export function createApp(deps: Deps, upgradeWebSocket: UpgradeWebSocket<any>) {
  const app = new OpenAPIHono<AppEnv>();
  // Before anything reads a body or a cookie: bounded bodies, security headers on every answer.
  app.use('*', boundedBodies(deps.config.maxBodyBytes));
  app.use('*', securityHeaders(deps.config));
  app.use('/api/*', noStore);
  app.use('*', sessionMiddleware(deps.auth, deps.config.secureCookies));
  // State-changing API calls must come from our own pages (the cookie is SameSite=Lax, and this
  // closes the remaining gap for same-site attackers).
  app.use(
    '/api/*',
    csrf({ origin: (origin, c) => isAllowedOrigin(origin, c.req.header('host'), trustedOrigins(deps.config)) }),
  );

  app.use('/api/*', auditDenials(deps));
  // Store and bus reachability, for load balancers (no session needed).
  app.route('/', healthRoutes(deps));

  const api = new OpenAPIHono<AppEnv>()
    .route('/auth', authRoutes(deps))
    .route('/cases', caseRoutes(deps))
    .route('/meetings', meetingRoutes(deps))
    .route('/meetings', participantRoutes(deps))
    .route('/meetings', decisionRoutes(deps))
    .route('/cases', consentRoutes(deps))
    .route('/cases', compartmentRoutes(deps))
    .route('/directory', directoryRoutes(deps))
    .route('/audit', auditRoutes(deps))
    .route('/meeting-kinds', meetingKindRoutes(deps))
    .route('/', meetingScheduleRoutes(deps))
    .route('/', recordRoutes(deps))
    // Administration, second factor, passwords and invitations (issue 10).
    .route('/admin', adminSettingsRoutes(deps))
    .route('/admin', adminOrganisationRoutes(deps))
    .route('/admin', adminUserRoutes(deps))
    .route('/admin', adminMeetingKindRoutes(deps))
    .route('/auth', secondFactorRoutes(deps))
    .route('/auth', passwordRoutes(deps))
    .route('/invitations', invitationRoutes(deps))
    .route('/setup', setupRoutes(deps))
    .route('/intake', intakeRoutes(deps))
    .route('/cases', caseHouseholdRoutes(deps))
    .route('/cases', caseCoordinatorRoutes(deps))
    .route('/cases', caseLifecycleRoutes(deps))
    .route('/cases', caseConsentDocumentRoutes(deps))
    .route('/', caseSearchRoutes(deps))
    .route('/', meetingInvitationRoutes(deps));
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Kasane API', version: '0.1.0', description: 'かさね: 多機関協働の会議ボード' },
    servers: [{ url: '/api' }],
  });
  app.route('/api', api);

  mountCollab(app, deps, upgradeWebSocket);
  if (deps.config.clientDir) mountClient(app, deps.config.clientDir);

  app.notFound((c) => c.json({ error: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` }, 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    console.error('[http] unhandled error:', error);
    return c.json({ error: 'server_error', message: 'サーバーエラーが発生しました' }, 500);
  });
  return { app, api };
}

export type ApiType = ReturnType<typeof createApp>['api'];
