import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import type { UpgradeWebSocket, WSContext } from 'hono/ws';
import type { AppEnv, Deps } from '../deps.ts';
import { isAllowedOrigin } from '../auth/origin.ts';
import { CloseCodes, type CloseCode } from '../../shared/protocol/close-codes.ts';
import { authorizeDocument, type DocDecision } from './authorize.ts';
import type { Connection } from './connection.ts';
import type { Room } from './room.ts';
import { ProtocolError, routeMessage } from './message-router.ts';
import { encodeAwarenessMessage, encodeSyncStep1 } from './messages.ts';
import * as awarenessProtocol from 'y-protocols/awareness';

export const COLLAB_PREFIX = '/collab/';

/**
 * GET /collab/<document name>: the WebSocket endpoint. The Origin is checked before the upgrade
 * (a foreign page gets HTTP 403 and no socket at all). Session and document are checked before the
 * first byte: a refused connection is closed with a 44xx code and receives nothing else.
 */
export function mountCollab(app: Hono<AppEnv>, deps: Deps, upgradeWebSocket: UpgradeWebSocket<any>): void {
  app.use(`${COLLAB_PREFIX}*`, async (c, next) => {
    if (!isAllowedOrigin(c.req.header('origin'), c.req.header('host'), deps.config.extraOrigins)) {
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
      const decision: DocDecision | null =
        !user || !sessionId
          ? { ok: false, close: CloseCodes.unauthenticated, reason: 'no_session' }
          : docName === null
            ? { ok: false, close: CloseCodes.notFound, reason: 'malformed_name' }
            : await authorizeDocument(deps.db, user, docName).catch((error) => {
                console.error('[collab] authorisation failed:', error);
                return null;
              });
      const refusal: CloseCode | null = !decision ? CloseCodes.serverError : decision.ok ? null : decision.close;

      let conn: Connection | null = null;
      let room: Promise<Room> | null = null;
      let chain: Promise<void> = Promise.resolve();
      let closed = false;

      const closeWith = (ws: WSContext, code: CloseCode) => {
        if (closed) return;
        closed = true;
        ws.close(code.code, code.reason);
      };

      return {
        onOpen(_event, ws) {
          if (refusal || !decision?.ok || !user || !sessionId || docName === null) {
            closeWith(ws, refusal ?? CloseCodes.forbidden);
            return;
          }
          conn = {
            id: randomUUID(),
            userId: user.id,
            orgId: user.orgId,
            sessionId,
            docName,
            access: decision.access,
            contextKey: decision.contextKey,
            droppedWrites: 0,
            send: (message) => {
              if (!closed && ws.readyState === 1) ws.send(message as Uint8Array<ArrayBuffer>);
            },
            close: (code) => closeWith(ws, code),
          };
          const joined = conn;
          room = deps.rooms.acquire(docName).then((r) => {
            r.join(joined);
            joined.send(encodeSyncStep1(r.doc));
            const states = [...r.awareness.getStates().keys()];
            if (states.length > 0) {
              joined.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(r.awareness, states)));
            }
            return r;
          });
          room.catch((error) => {
            console.error(`[collab] could not load ${docName}:`, error);
            closeWith(ws, CloseCodes.serverError);
          });
        },
        onMessage(event, ws) {
          if (closed || !conn || !room) return;
          const data = event.data;
          if (typeof data === 'string' || !(data instanceof ArrayBuffer)) {
            closeWith(ws, CloseCodes.badRequest);
            return;
          }
          const current = conn;
          const pending = room;
          chain = chain
            .then(async () => {
              if (closed) return;
              await routeMessage(await pending, current, new Uint8Array(data), {
                onDroppedWrite: (dropped, bytes) => {
                  console.warn(`[collab] dropped a ${bytes}-byte write from read-only ${dropped.userId} on ${dropped.docName}`);
                },
              });
            })
            .catch((error) => {
              if (!(error instanceof ProtocolError)) console.error('[collab] message failed:', error);
              closeWith(ws, error instanceof ProtocolError ? CloseCodes.badRequest : CloseCodes.serverError);
            });
        },
        onClose() {
          closed = true;
          if (!conn || !room || docName === null) return;
          const leaving = conn;
          room
            .then((r) => {
              r.leave(leaving);
              deps.rooms.release(docName);
            })
            .catch(() => deps.rooms.release(docName));
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
