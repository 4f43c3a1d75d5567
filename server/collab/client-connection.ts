import { randomUUID } from 'node:crypto';
import type { WSContext } from 'hono/ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Deps } from '../deps.ts';
import type { SessionUser } from '../auth/lucia.ts';
import { CloseCodes, type CloseCode } from '../../shared/protocol/close-codes.ts';
import type { DocDecision } from './authorize.ts';
import { recordJoin } from '../attendance/attendance.ts';
import type { Connection } from './connection.ts';
import type { Room } from './room.ts';
import { ProtocolError, routeMessage } from './message-router.ts';
import { encodeAwarenessMessage, encodeSyncStep1 } from './messages.ts';

interface Admitted {
  user: SessionUser;
  orgName: string;
  sessionId: string;
  docName: string;
  decision: Extract<DocDecision, { ok: true }>;
}

/**
 * The life of one admitted WebSocket: join the room once it is loaded, feed it the client's
 * frames strictly in order (frames that arrive while the room loads wait their turn), leave it on
 * close. A frame that cannot be understood closes this connection only.
 */
export class ClientConnection implements Connection {
  readonly id = randomUUID();
  readonly user: SessionUser;
  readonly orgName: string;
  readonly sessionId: string;
  readonly docName: string;
  readonly caseId: string;
  readonly contextKey: string;
  access: Connection['access'];
  droppedWrites = 0;
  private ws: WSContext | null = null;
  private room: Promise<Room> | null = null;
  private chain: Promise<void> = Promise.resolve();
  private isClosed = false;
  /** The policy's reason for admitting it (audited with the open). */
  private readonly reason: string;

  constructor(
    private readonly deps: Deps,
    admitted: Admitted,
  ) {
    this.user = admitted.user;
    this.orgName = admitted.orgName;
    this.sessionId = admitted.sessionId;
    this.docName = admitted.docName;
    this.caseId = admitted.decision.caseId;
    this.contextKey = admitted.decision.contextKey;
    this.access = admitted.decision.access;
    this.reason = admitted.decision.reason;
  }

  open(ws: WSContext): void {
    this.ws = ws;
    this.audit('doc.opened', { access: this.access, reason: this.reason });
    // Opening the meeting document of a running meeting is attending it (出席).
    const meetingId = this.docName.startsWith('meeting/') ? this.docName.slice('meeting/'.length) : null;
    if (meetingId) recordJoin(this.deps.db, meetingId, this.user.id).catch((error) => console.error('[attendance] not recorded:', error));
    this.room = this.deps.rooms.acquire(this.docName).then((room) => {
      if (this.isClosed) return room;
      room.join(this);
      this.send(encodeSyncStep1(room.doc));
      const states = [...room.awareness.getStates().keys()];
      if (states.length > 0) this.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(room.awareness, states)));
      return room;
    });
    this.room.catch((error) => {
      console.error(`[collab] could not load ${this.docName}:`, error);
      this.close(CloseCodes.serverError);
    });
  }

  receive(data: unknown): void {
    if (this.isClosed || !this.room) return;
    if (!(data instanceof ArrayBuffer)) {
      this.close(CloseCodes.badRequest);
      return;
    }
    const room = this.room;
    this.chain = this.chain
      .then(async () => {
        if (this.isClosed) return;
        await routeMessage(await room, this, new Uint8Array(data), {
          onDroppedWrite: (_conn, bytes) => {
            // The first drop of a connection is audited; the count goes with the close.
            if (this.droppedWrites === 1) this.audit('doc.write_dropped', { bytes, access: this.access });
          },
        });
      })
      .catch((error) => {
        if (!(error instanceof ProtocolError)) console.error('[collab] message failed:', error);
        this.close(error instanceof ProtocolError ? CloseCodes.badRequest : CloseCodes.serverError);
      });
  }

  send(message: Uint8Array): void {
    if (!this.isClosed && this.ws && this.ws.readyState === 1) this.ws.send(message as Uint8Array<ArrayBuffer>);
  }

  close(code: CloseCode): void {
    if (this.isClosed) return;
    this.isClosed = true;
    // Leave the room at once: after a revocation not one more update may be sent to this socket.
    this.leaveRoom();
    this.ws?.close(code.code, code.reason);
  }

  /** The socket is gone (closed by either side). */
  closed(): void {
    this.isClosed = true;
    this.leaveRoom();
  }

  private left = false;
  private leaveRoom(): void {
    if (this.left || !this.room) return;
    this.left = true;
    if (this.droppedWrites > 0) this.audit('doc.write_dropped', { total: this.droppedWrites, atClose: true });
    this.room
      .then((room) => {
        room.leave(this);
        this.deps.rooms.release(this.docName);
      })
      .catch(() => this.deps.rooms.release(this.docName));
  }

  private audit(action: 'doc.opened' | 'doc.write_dropped', detail: Record<string, unknown>): void {
    this.deps.audit
      .record({ actorUserId: this.user.id, action, caseId: this.caseId, docName: this.docName, detail: { ...detail, context: this.contextKey } })
      .catch((error) => console.error('[audit] could not record:', error));
  }
}
