import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, canonicalJson, entryHash, type ChainEntry } from '../../server/audit/hash-chain.ts';
import { toUtcBound } from '../../shared/api/audit.ts';

const ENTRY: ChainEntry = {
  seq: 1,
  at: '2026-04-01T00:00:00.000Z',
  actorUserId: 'u-tanaka',
  action: 'doc.denied',
  caseId: 'case-yamada',
  docName: 'compartment/c1',
  detail: { reason: 'no_consent', orgId: 'org-kodomo' },
};

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('does not depend on insertion order', () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('writes strings as JSON does, Japanese text and escapes included', () => {
    expect(canonicalJson({ 名前: '山田 "ハル"\n' })).toBe('{"名前":"山田 \\"ハル\\"\\n"}');
  });

  it('drops undefined object members, writes undefined array items as null, dates as ISO text', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1], c: new Date('2026-04-01T00:00:00Z') })).toBe(
      '{"b":[null,1],"c":"2026-04-01T00:00:00.000Z"}',
    );
  });

  it('refuses what JSON cannot carry rather than changing it', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/not representable/);
    expect(() => canonicalJson({ n: Infinity })).toThrow(/not representable/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cyclic/);
    // A repeated (not cyclic) reference is fine.
    const shared = { k: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"k":1},"b":{"k":1}}');
  });

  it('round-trips: parsing the text and writing it again gives the same text (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('entryHash', () => {
  it('is sha256 hex of prevHash, a newline and the canonical entry', () => {
    const expected = createHash('sha256')
      .update(
        `${GENESIS_HASH}\n{"action":"doc.denied","actorUserId":"u-tanaka","at":"2026-04-01T00:00:00.000Z","caseId":"case-yamada","detail":{"orgId":"org-kodomo","reason":"no_consent"},"docName":"compartment/c1","seq":1}`,
      )
      .digest('hex');
    expect(entryHash(GENESIS_HASH, ENTRY)).toBe(expected);
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it('is pinned: changing the format would make every stored chain look tampered with', () => {
    expect(entryHash(GENESIS_HASH, ENTRY)).toBe('dace01184d001e6f4fa895abe7ee6ec4b94a4c03d724138d77d68e7e2add17df');
  });

  it('changes with every field, the seq and the previous hash', () => {
    const base = entryHash(GENESIS_HASH, ENTRY);
    const variants: ChainEntry[] = [
      { ...ENTRY, seq: 2 },
      { ...ENTRY, at: '2026-04-01T00:00:00.001Z' },
      { ...ENTRY, actorUserId: null },
      { ...ENTRY, action: 'doc.opened' },
      { ...ENTRY, caseId: null },
      { ...ENTRY, docName: 'compartment/c2' },
      { ...ENTRY, detail: { reason: 'no_consent' } },
    ];
    const hashes = new Set([base, ...variants.map((v) => entryHash(GENESIS_HASH, v)), entryHash('f'.repeat(64), ENTRY)]);
    expect(hashes.size).toBe(variants.length + 2);
  });

  it('ignores properties outside the entry and the order of detail keys', () => {
    const extra = { ...ENTRY, hash: 'x', prevHash: 'y' } as ChainEntry;
    expect(entryHash(GENESIS_HASH, extra)).toBe(entryHash(GENESIS_HASH, ENTRY));
    const reordered = { ...ENTRY, detail: { orgId: 'org-kodomo', reason: 'no_consent' } };
    expect(entryHash(GENESIS_HASH, reordered)).toBe(entryHash(GENESIS_HASH, ENTRY));
  });
});

describe('toUtcBound (query periods in Japan time)', () => {
  it('a date is a whole day in Japan time: from its 00:00 JST to the next 00:00 JST, exclusive', () => {
    expect(toUtcBound('2026-04-01', 'from')).toBe('2026-03-31T15:00:00.000Z');
    expect(toUtcBound('2026-04-01', 'to')).toBe('2026-04-01T15:00:00.000Z');
  });

  it('a date-time is an instant; the upper bound includes it', () => {
    expect(toUtcBound('2026-04-01T09:00:00+09:00', 'from')).toBe('2026-04-01T00:00:00.000Z');
    expect(toUtcBound('2026-04-01T00:00:00Z', 'to')).toBe('2026-04-01T00:00:00.001Z');
  });
});
