import type { CloseCode } from '../../shared/protocol/close-codes.ts';

/** A frame we cannot make sense of. The connection is closed with 4400; the room carries on. */
export class ProtocolError extends Error {}

/**
 * A frame that is well formed but more than one participant may send (rate, size, someone else's
 * client id). The connection is closed with `close`, and `why` goes into the audit entry.
 */
export class LimitExceeded extends Error {
  constructor(
    readonly close: CloseCode,
    readonly why: string,
    readonly detail: Record<string, unknown> = {},
  ) {
    super(why);
  }
}
