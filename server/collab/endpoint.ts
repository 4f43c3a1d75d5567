import type { Hono } from 'hono';
import type { UpgradeWebSocket } from 'hono/ws';
import type { AppEnv, Deps } from '../deps.ts';
import { isAllowedOrigin, trustedOrigins } from '../auth/origin.ts';
import { CloseCodes } from '../../shared/protocol/close-codes.ts';
import { PROTOCOL_VERSION_PARAM, isSupportedProtocolVersion } from '../../shared/protocol/version.ts';
import { authorizeDocument, type DocDecision } from './authorize.ts';
import { AccessSnapshot } from '../access/access-snapshot.ts';
import { ClientConnection } from './client-connection.ts';
import { CollabGuards } from './guards.ts';
import { KyselyClientIdStore } from '../store/client-id-store.ts';

export const COLLAB_PREFIX = '/collab/';

/**
 * GET /collab/<document name>?ctx=<context>: the WebSocket endpoint. The Origin is checked before
 * the upgrade (a foreign page gets HTTP 403 and no socket at all). Session, document and policy
 * are checked before the first byte: a refused connection is closed with a 44xx code and receives
 * nothing else.
 */
export function mountCollab(app: Hono<AppEnv>, deps: Deps, upgradeWebSocket: UpgradeWebSocket<any>): void {
  // Shared by this node's connections: per-user rate limits (shared by all nodes too when Redis
  // is configured), document sizes, and the cache of client-id owners (stored, for every node).
  const guards = new CollabGuards(deps.config.limits, new KyselyClientIdStore(deps.db), deps.bus.budget);
  const refusedAt = new Map<string, number>();
  app.use(`${COLLAB_PREFIX}*`, async (c, next) => {
    if (!isAllowedOrigin(c.req.header('origin'), c.req.header('host'), trustedOrigins(deps.config))) {
      return c.text('forbidden origin', 403);
    }
    return next();
  });

  app.get(
    `${COLLAB_PREFIX}*`,
    upgradeWebSocket(async (c) => {
      const docName = safeDecode(c.req.path.slice(COLLAB_PREFIX.length));
      const user = c.get('user');
      const sessionId = c.get('sessionId');
      const contextKey = c.req.query('ctx') ?? null;
      let decision: DocDecision | null;
      if (!isSupportedProtocolVersion(c.req.query(PROTOCOL_VERSION_PARAM))) {
        // An old or newer client would misread this server: it must reload, not retry.
        decision = { ok: false, close: CloseCodes.protocolMismatch, reason: 'protocol_version', caseId: null };
      } else if (!user || !sessionId) {
        decision = { ok: false, close: CloseCodes.unauthenticated, reason: 'no_session', caseId: null };
      } else if (docName === null) {
        decision = { ok: false, close: CloseCodes.notFound, reason: 'malformed_name', caseId: null };
      } else {
        decision = await authorizeDocument(new AccessSnapshot(deps.db), user, docName, contextKey).catch((error) => {
          console.error('[collab] authorisation failed:', error);
          return null;
        });
      }
      if (!decision?.ok || !user || !sessionId || docName === null) {
        deps.audit
          .record({
            actorUserId: user?.id ?? null,
            action: 'doc.denied',
            caseId: decision?.caseId ?? null,
            docName: docName?.slice(0, 300) ?? null,
            detail: { reason: decision?.reason ?? 'server_error', context: contextKey?.slice(0, 100) ?? null },
          })
          .catch((error) => console.error('[audit] could not record a denial:', error));
        const close = decision && !decision.ok ? decision.close : CloseCodes.serverError;
        return {
          onOpen(_event, ws) {
            ws.close(close.code, close.reason);
          },
        };
      }
      // A reconnect loop or a thousand sockets of one user: refused before any further work.
      const admitted = await guards.admitSocket(user.id);
      if (admitted !== 'ok') {
        const last = refusedAt.get(user.id);
        if (last === undefined || Date.now() - last > 60_000) {
          // Audited at most once a minute per user (not per attempt: the log must not become the amplifier).
          if (refusedAt.size > 10_000) refusedAt.clear();
          refusedAt.set(user.id, Date.now());
          deps.audit
            .record({ actorUserId: user.id, action: 'doc.denied', caseId: decision.caseId, docName, detail: { reason: admitted, context: contextKey?.slice(0, 100) ?? null } })
            .catch((error) => console.error('[audit] could not record a denial:', error));
        }
        return {
          onOpen(_event, ws) {
            ws.close(CloseCodes.rateLimited.code, CloseCodes.rateLimited.reason);
          },
        };
      }
      const org = await deps.db.selectFrom('organisations').select('name').where('id', '=', user.orgId).executeTakeFirst();
      const connection = new ClientConnection(deps, guards, { user, orgName: org?.name ?? '', sessionId, docName, decision });
      return {
        onOpen: (_event, ws) => connection.open(ws),
        onMessage: (event) => connection.receive(event.data),
        onClose: () => {
          connection.closed();
          guards.closedSocket(user.id);
        },
      };
    }),
  );
}

function safeDecode(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}
