import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import type { AuditAction } from '../../shared/api/audit.ts';
import type { TestServer } from './server.ts';

/** y-websocket frames, written by hand as an attacker would (no provider logic). */
export const frame = {
  step1(stateVector: Uint8Array = new Uint8Array([0])): Uint8Array {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint8Array(e, stateVector);
    return encoding.toUint8Array(e);
  },
  step2(update: Uint8Array): Uint8Array {
    return sync(1, update);
  },
  update(update: Uint8Array): Uint8Array {
    return sync(2, update);
  },
  /** One awareness message with the given states (JSON text per state; 'null' removes). */
  awareness(states: { clientId: number; clock: number; json: string }[]): Uint8Array {
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, states.length);
    for (const s of states) {
      encoding.writeVarUint(inner, s.clientId);
      encoding.writeVarUint(inner, s.clock);
      encoding.writeVarString(inner, s.json);
    }
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
    return encoding.toUint8Array(e);
  },
  queryAwareness(): Uint8Array {
    return new Uint8Array([3]);
  },
};

function sync(type: number, update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, type);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** What kind of frame the server sent: 'step1' | 'step2' | 'update' | 'awareness' | 'other'. */
export function kindOf(f: Uint8Array): 'step1' | 'step2' | 'update' | 'awareness' | 'other' {
  const d = decoding.createDecoder(f);
  const type = decoding.readVarUint(d);
  if (type === 1) return 'awareness';
  if (type !== 0) return 'other';
  return (['step1', 'step2', 'update'] as const)[decoding.readVarUint(d)] ?? 'other';
}

/** Valid updates, one per character typed, under `doc`'s own client id. */
export function typedUpdates(doc: Y.Doc, text: string, field = 'notes'): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const collect = (u: Uint8Array) => updates.push(u);
  doc.on('update', collect);
  const t = doc.getText(field);
  for (const ch of text) t.insert(t.length, ch);
  doc.off('update', collect);
  return updates;
}

/** The audit entries of one action (newest first), optionally of one actor. */
export async function auditEntries(server: Pick<TestServer, 'deps'>, action: AuditAction, actorUserId?: string) {
  return (server.deps.audit as unknown as { query(f: object): Promise<{ actorUserId: string | null; docName: string | null; detail: Record<string, unknown> }[]> }).query({
    action,
    actorUserId,
    limit: 500,
  });
}

/** Waits for an audit entry of the action whose detail matches. */
export async function waitForAudit(server: Pick<TestServer, 'deps'>, action: AuditAction, match: (detail: Record<string, unknown>) => boolean, actorUserId?: string) {
  let found: Awaited<ReturnType<typeof auditEntries>>[number] | undefined;
  const until = Date.now() + 10_000;
  while (!found && Date.now() < until) {
    found = (await auditEntries(server, action, actorUserId)).find((e) => match(e.detail));
    if (!found) await new Promise((r) => setTimeout(r, 20));
  }
  if (!found) throw new Error(`no audit entry ${action}`);
  return found;
}
