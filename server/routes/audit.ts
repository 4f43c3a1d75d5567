import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { ErrorBody } from '../../shared/api/auth.ts';
import { AuditFilterOptions, AuditPage, AuditQuery, AuditVerifyResult, toUtcBound } from '../../shared/api/audit.ts';
import type { AppEnv, Deps } from '../deps.ts';
import type { SessionUser } from '../auth/lucia.ts';
import { requireUser } from '../auth/session-middleware.ts';
import { KyselyAuditLog } from '../audit/audit-store.ts';
import { validationHook } from './validation-hook.ts';
import { requireRecentSecondFactor } from '../auth/totp-step-up.ts';
import { auditCsv } from '../admin/audit-csv.ts';
import { resolveAuditNames, reviewerScope } from '../audit/audit-names.ts';
import { auditFilterOptions } from '../audit/audit-filter-options.ts';

/**
 * Reviewing the audit log (the guideline's periodic access-log review). Facilitators review the
 * cases they coordinate and their own operations; administrators everything, and only they may
 * run the chain check. Reading the log is recorded in the log too, and the read fails when that
 * record cannot be written (a review that leaves no trace is what the log exists to prevent).
 */

/** 403 before validation, so a member learns nothing about the query format either. */
function requireRole(...roles: SessionUser['role'][]): MiddlewareHandler<AppEnv> {
  const message = roles.includes('facilitator')
    ? '監査ログは進行役と管理者のみ閲覧できます (only facilitators and administrators may read the audit log)'
    : 'この操作は管理者のみ行えます (only administrators may do this)';
  return async (c, next) => {
    const user = c.get('user');
    if (!user || !roles.includes(user.role)) return c.json({ error: 'forbidden', message }, 403);
    return next();
  };
}

const forbidden = { description: 'Signed in without the required role', content: { 'application/json': { schema: ErrorBody } } };
const unauthenticated = { description: 'Not signed in', content: { 'application/json': { schema: ErrorBody } } };

const listEntries = createRoute({
  method: 'get',
  path: '/',
  summary: 'Audit log entries, newest first',
  middleware: [requireUser, requireRole('facilitator', 'administrator')] as const,
  request: { query: AuditQuery },
  responses: {
    200: { description: 'Entries the user may review, newest first', content: { 'application/json': { schema: AuditPage } } },
    400: { description: 'Invalid query', content: { 'application/json': { schema: ErrorBody } } },
    401: unauthenticated,
    403: forbidden,
  },
});

const filterOptions = createRoute({
  method: 'get',
  path: '/filters',
  summary: 'What the review may be filtered by: cases by title and users by name, as far as this reviewer may review them',
  middleware: [requireUser, requireRole('facilitator', 'administrator')] as const,
  responses: {
    200: { description: 'Cases (administrators: all; facilitators: those they coordinate) and users', content: { 'application/json': { schema: AuditFilterOptions } } },
    401: unauthenticated,
    403: forbidden,
  },
});

const verifyChain = createRoute({
  method: 'get',
  path: '/verify',
  summary: 'Check the hash chain of the whole audit log',
  middleware: [requireUser, requireRole('administrator')] as const,
  responses: {
    200: { description: 'Whether the chain is intact; when it is, its head to record elsewhere', content: { 'application/json': { schema: AuditVerifyResult } } },
    401: unauthenticated,
    403: forbidden,
  },
});

/**
 * Mounted as `.route('/audit', auditRoutes(deps))`. The routes need the store's query and verify,
 * which the AuditLog interface in Deps does not have: pass the KyselyAuditLog explicitly, or it is
 * taken from deps.audit when that is one, else a second instance over deps.db is made (safe: the
 * database lock serialises appends across instances, see audit-store.ts).
 */
export function auditRoutes(deps: Deps, audit: KyselyAuditLog = defaultStore(deps)) {
  // Exporting is a sensitive action: the second factor is asked again when it is not recent.
  const exportCsv = createRoute({
    method: 'get',
    path: '/export.csv',
    summary: 'The entries matching the filters as CSV (UTF-8 with BOM, names and Japanese labels)',
    middleware: [requireUser, requireRole('facilitator', 'administrator'), requireRecentSecondFactor(deps)] as const,
    request: { query: AuditQuery },
    responses: {
      200: { description: 'CSV, newest first (at most 10,000 rows)', content: { 'text/csv': { schema: { type: 'string' } } } },
      400: { description: 'Invalid query', content: { 'application/json': { schema: ErrorBody } } },
      401: unauthenticated,
      403: forbidden,
    },
  });
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(exportCsv, async (c) => {
      const user = c.get('user')!;
      const q = c.req.valid('query');
      const rows = await audit.query(auditQueryOf(q, user, 10_000));
      // Fails closed like the list: an export that leaves no trace is not given out.
      await audit.record({ actorUserId: user.id, action: 'audit.exported', caseId: q.caseId ?? null, detail: { filter: q, returned: rows.length } });
      const csv = await auditCsv(rows, await resolveAuditNames(deps.db, rows, await reviewerScope(deps.db, user)));
      return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="kasane-audit.csv"' });
    })
    .openapi(listEntries, async (c) => {
      const user = c.get('user')!;
      const q = c.req.valid('query');
      // One extra row tells whether an older page exists.
      const rows = await audit.query(auditQueryOf(q, user, q.limit + 1));
      const entries = rows.slice(0, q.limit).map(({ prevHash: _prev, ...entry }) => entry);
      await audit.record({
        actorUserId: user.id,
        action: 'audit.queried',
        caseId: q.caseId ?? null,
        detail: { filter: q, returned: entries.length },
      });
      const nextBeforeSeq = rows.length > q.limit ? entries[entries.length - 1]!.seq : null;
      // The names of this page's ids, in bulk and as far as this reviewer may know them.
      const names = await resolveAuditNames(deps.db, entries, await reviewerScope(deps.db, user));
      return c.json({ entries, names, nextBeforeSeq }, 200);
    })
    .openapi(filterOptions, async (c) => c.json(await auditFilterOptions(deps.db, c.get('user')!), 200))
    .openapi(verifyChain, async (c) => {
      const result = await audit.verify();
      await audit.record({
        actorUserId: c.get('user')!.id,
        action: 'audit.verified',
        detail: result.ok ? { ok: true, count: result.count, head: result.head } : { ok: false, brokenAtSeq: result.brokenAtSeq },
      });
      return c.json(result, 200);
    });
}

function defaultStore(deps: Deps): KyselyAuditLog {
  return deps.audit instanceof KyselyAuditLog ? deps.audit : new KyselyAuditLog(deps.db);
}

/** The review screen's filter as a query of the log; the same for the list and the CSV export. */
function auditQueryOf(
  q: { caseId?: string; userId?: string; action?: string; from?: string; to?: string; beforeSeq?: number },
  user: { id: string; role: string },
  limit: number,
) {
  return {
    caseId: q.caseId,
    actorUserId: q.userId,
    action: q.action,
    from: q.from ? toUtcBound(q.from, 'from') : undefined,
    to: q.to ? toUtcBound(q.to, 'to') : undefined,
    beforeSeq: q.beforeSeq,
    limit,
    visibleToCoordinator: user.role === 'administrator' ? undefined : user.id,
  };
}
