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
import { routeMessage } from './message-router.ts';
import { LimitExceeded, ProtocolError } from './refusals.ts';
import { encodeAwarenessMessage, encodeSyncStep1, encodeSyncStep2 } from './messages.ts';
import { ConnectionGuard, type CollabGuards } from './guards.ts';
import { ReplyPacer } from './reply-pacer.ts';

interface Admitted {
  user: SessionUser;
  orgName: string;
  sessionId: string;
  docName: string;
  decision: Extract<DocDecision, { ok: true }>;
}

/** Frames received but not yet handled; a client that outruns the server this far is flooding. */
const MAX_QUEUED_FRAMES = 2000;
const MAX_QUEUED_BYTES = 16 * 1024 * 1024;

/** Closes that answer a hostile or broken sender (not revocation, sign-out or shutdown). */
const HOSTILE_CLOSES = new Set<number>([
  CloseCodes.badRequest.code,
  CloseCodes.tooLarge.code,
  CloseCodes.rateLimited.code,
  CloseCodes.foreignClientId.code,
  CloseCodes.documentFull.code,
]);

/** The ws socket under hono's WSContext: what it has not sent yet, and the hard stop. */
interface RawSocket {
  bufferedAmount?: number;
  terminate?: () => void;
}

/**
 * The life of one admitted WebSocket: join the room once it is loaded, feed it the client's
 * frames strictly in order (frames that arrive while the room loads wait their turn), leave it on
 * close. A frame that cannot be understood, or that is more than one participant may send,
 * closes this connection only; every close the server forces is audited with its reason.
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
  /** The one awareness client id this connection may write (see message-router.ts). */
  awarenessClientId: number | null = null;
  private ws: WSContext | null = null;
  private room: Promise<Room> | null = null;
  private chain: Promise<void> = Promise.resolve();
  private queuedFrames = 0;
  private queuedBytes = 0;
  private isClosed = false;
  private readonly guard: ConnectionGuard;
  private readonly pacer: ReplyPacer;
  /** The policy's reason for admitting it (audited with the open). */
  private readonly reason: string;

  constructor(
    private readonly deps: Deps,
    private readonly guards: CollabGuards,
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
    this.guard = new ConnectionGuard(guards.limits);
    this.pacer = new ReplyPacer(
      this.guard.replies,
      {
        step1: async (stateVector) => {
          const room = await this.room!;
          // Answer only with what is already stored: a peer never sees what a crash could lose.
          await room.settled();
          this.send(encodeSyncStep2(room.doc, stateVector));
        },
        query: () => void this.room?.then((room) => this.send(encodeAwarenessMessage(encodeAllStates(room)))),
      },
      (task) => this.enqueue(task),
    );
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
      if (room.awareness.getStates().size > 0) this.send(encodeAwarenessMessage(encodeAllStates(room)));
      return room;
    });
    this.room.catch((error) => {
      console.error(`[collab] could not load ${this.docName}:`, error);
      this.close(CloseCodes.serverError, 'load_failed');
    });
  }

  receive(data: unknown): void {
    if (this.isClosed || !this.room) return;
    if (!(data instanceof ArrayBuffer)) {
      this.close(CloseCodes.badRequest, 'not_binary');
      return;
    }
    if (!this.guard.frames.take()) {
      this.close(CloseCodes.rateLimited, 'frame_rate');
      return;
    }
    this.queuedFrames += 1;
    this.queuedBytes += data.byteLength;
    if (this.queuedFrames > MAX_QUEUED_FRAMES || this.queuedBytes > MAX_QUEUED_BYTES) {
      this.close(CloseCodes.rateLimited, 'input_backlog', { frames: this.queuedFrames, bytes: this.queuedBytes });
      return;
    }
    this.enqueue(async () => {
      this.queuedFrames -= 1;
      this.queuedBytes -= data.byteLength;
      await routeMessage(
        {
          room: await this.room!,
          conn: this,
          guards: this.guards,
          guard: this.guard,
          pacer: this.pacer,
          onDroppedWrite: (bytes) => {
            // The first drop of a connection is audited; the count goes with the close.
            if (this.droppedWrites === 1) this.audit('doc.write_dropped', { bytes, access: this.access });
          },
          isOpen: () => !this.isClosed,
        },
        new Uint8Array(data),
      );
    });
  }

  /** Runs after everything received before it, unless the connection closed meanwhile. */
  private enqueue(task: () => Promise<void>): void {
    this.chain = this.chain
      .then(async () => {
        if (!this.isClosed) await task();
      })
      .catch((error) => {
        if (error instanceof LimitExceeded) return this.close(error.close, error.why, error.detail);
        if (error instanceof ProtocolError) return this.close(CloseCodes.badRequest, 'malformed', { error: error.message });
        console.error('[collab] message failed:', error);
        this.close(CloseCodes.serverError, 'handler_failed');
      });
  }

  send(message: Uint8Array): void {
    if (this.isClosed || !this.ws || this.ws.readyState !== 1) return;
    const raw = this.ws.raw as RawSocket | undefined;
    // Backpressure: a client that stops reading must not make this node hold its output forever.
    // Only output that is still waiting counts against the cap: one message larger than the cap
    // (the first sync of a large document, bounded by the document size limit) goes to a reader
    // that has taken everything so far, or nobody could ever open such a document.
    const buffered = raw?.bufferedAmount ?? 0;
    if (buffered > 0 && buffered + message.byteLength > this.guards.limits.maxBufferedBytes) {
      this.close(CloseCodes.slowReader, 'slow_reader', { buffered });
      // A close frame would queue behind everything unread: cut the socket instead.
      raw?.terminate?.();
      return;
    }
    this.ws.send(message as Uint8Array<ArrayBuffer>);
  }

  /** The server ends the connection (refused frame, limit, revocation, logout, shutdown). */
  close(code: CloseCode, why: string = code.reason, detail: Record<string, unknown> = {}): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.pacer.stop();
    this.audit('doc.closed', { code: code.code, reason: code.reason, why, ...detail });
    // Leave the room at once: after a revocation not one more update may be sent to this socket.
    this.leaveRoom();
    this.ws?.close(code.code, code.reason);
    // A refused sender may have thousands of frames in flight: once the close frame is written,
    // cut the socket so the node does not go on parsing what it will ignore.
    if (HOSTILE_CLOSES.has(code.code)) {
      const raw = this.ws?.raw as RawSocket | undefined;
      setImmediate(() => raw?.terminate?.());
    }
  }

  /** The socket is gone (closed by either side). */
  closed(): void {
    this.isClosed = true;
    this.pacer.stop();
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

  private audit(action: 'doc.opened' | 'doc.write_dropped' | 'doc.closed', detail: Record<string, unknown>): void {
    this.deps.audit
      .record({ actorUserId: this.user.id, action, caseId: this.caseId, docName: this.docName, detail: { ...detail, context: this.contextKey } })
      .catch((error) => console.error('[audit] could not record:', error));
  }
}

function encodeAllStates(room: Room): Uint8Array {
  return awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...room.awareness.getStates().keys()]);
}
