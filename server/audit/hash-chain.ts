import { createHash } from 'node:crypto';

/**
 * The hash chain behind the audit log, as pure functions so the store, the verifier and the tests
 * all compute the very same bytes. Each entry's hash covers the previous entry's hash and the
 * entry's own content including its seq, so editing, deleting, inserting or reordering any row
 * changes every hash after it.
 */

/** prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** What is hashed for one entry: the row's content, detail as parsed JSON. */
export interface ChainEntry {
  seq: number;
  at: string;
  actorUserId: string | null;
  action: string;
  caseId: string | null;
  docName: string | null;
  detail: Record<string, unknown>;
}

/**
 * JSON with object keys sorted (by UTF-16 code unit, which every JS engine sorts identically) and
 * no whitespace, so one value has exactly one text. Values JSON cannot round-trip (NaN, Infinity,
 * bigint, functions, symbols, cycles) throw instead of being silently changed: an audit record that
 * is stored differently from what was hashed would later look tampered with.
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set());
}

function write(value: unknown, ancestors: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not representable in JSON`);
      return JSON.stringify(value); // -0 becomes 0, as JSON.parse would give back
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} is not representable in JSON`);
  }
  const obj = value as object;
  // Dates and other objects with toJSON serialise as JSON.stringify would (a Date as its ISO text).
  const toJSON = (obj as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return write(toJSON.call(obj), ancestors);
  if (ancestors.has(obj)) throw new TypeError('canonicalJson: cyclic structure');
  ancestors.add(obj);
  try {
    if (Array.isArray(obj)) {
      // As in JSON.stringify, holes and undefined inside arrays become null (positions matter).
      return `[${obj.map((item) => (item === undefined ? 'null' : write(item, ancestors))).join(',')}]`;
    }
    const parts: string[] = [];
    for (const key of Object.keys(obj).sort()) {
      const item = (obj as Record<string, unknown>)[key];
      if (item === undefined) continue; // absent and undefined mean the same in JSON
      parts.push(`${JSON.stringify(key)}:${write(item, ancestors)}`);
    }
    return `{${parts.join(',')}}`;
  } finally {
    ancestors.delete(obj);
  }
}

/** sha256 hex of prevHash + '\n' + canonicalJson(entry). Only the fields of ChainEntry count. */
export function entryHash(prevHash: string, entry: ChainEntry): string {
  const content: ChainEntry = {
    seq: entry.seq,
    at: entry.at,
    actorUserId: entry.actorUserId,
    action: entry.action,
    caseId: entry.caseId,
    docName: entry.docName,
    detail: entry.detail,
  };
  return createHash('sha256').update(`${prevHash}\n${canonicalJson(content)}`, 'utf8').digest('hex');
}
