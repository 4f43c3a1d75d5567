import type { Access } from '../../shared/policy/types.ts';
import type { SessionUser } from '../auth/lucia.ts';
import type { CloseCode } from '../../shared/protocol/close-codes.ts';

/**
 * One authorised WebSocket connection to one document, as the room sees it. The transport
 * (ws via @hono/node-ws) stays outside; tests and the bus can drive a room through this shape.
 */
export interface Connection {
  readonly id: string;
  readonly user: SessionUser;
  /** The user's organisation, stamped on their presence (see awareness-identity.ts). */
  readonly orgName: string;
  /** The session that opened it: logging out closes it. */
  readonly sessionId: string;
  readonly docName: string;
  /** The case the document belongs to: access changes of that case re-evaluate it. */
  readonly caseId: string;
  /** Decided by the policy at open and re-decided when access can narrow. */
  access: Exclude<Access, 'none'>;
  /** Where it was opened ('meeting:<id>' or 'workspace:<caseId>'): decisions depend on it. */
  readonly contextKey: string;
  send(message: Uint8Array): void;
  /** `why` (a short reason code) goes into the audit entry of the close. */
  close(code: CloseCode, why?: string): void;
  /** Writes dropped because the connection is read-only. */
  droppedWrites: number;
}
