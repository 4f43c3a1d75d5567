import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Deps } from '../deps.ts';

const CASE_OR_MEETING = /^\/api\/(cases|meetings)\/([A-Za-z0-9_-]{1,64})/;

/**
 * Every refusal of a signed-in user's request is audited (DOMAIN.md: denials and decisions not to
 * share are logged): 403 and 409 always, 404 when it hides a case or meeting. Written once here
 * rather than beside every `return c.json(…, 403)`.
 */
export function auditDenials(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const status = c.res.status;
    const user = c.get('user');
    if (!user || (status !== 403 && status !== 409 && status !== 404)) return;
    const match = CASE_OR_MEETING.exec(c.req.path);
    if (status === 404 && !match) return;
    deps.audit
      .record({
        actorUserId: user.id,
        action: 'request.denied',
        caseId: match?.[1] === 'cases' ? match[2]! : null,
        detail: { method: c.req.method, path: c.req.path.slice(0, 200), status },
      })
      .catch((error) => console.error('[audit] could not record a denial:', error));
  };
}
