import { inflateRawSync } from 'node:zlib';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { TestServer } from '../helpers/server.ts';
import { board } from '../../shared/board/schema.ts';

/**
 * A DOCX is a zip. Reading it back needs only the central directory and raw inflate, which
 * node:zlib has: no unzip dependency for the tests.
 */
export function unzip(buffer: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let eocd = buffer.length - 22;
  while (eocd >= 0 && buffer.readUInt32LE(eocd) !== 0x06054b50) eocd -= 1;
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  const count = buffer.readUInt16LE(eocd + 10);
  let at = buffer.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt central directory');
    const method = buffer.readUInt16LE(at + 10);
    const compressedSize = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const localOffset = buffer.readUInt32LE(at + 42);
    const name = buffer.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const localNameLength = buffer.readUInt16LE(localOffset + 26);
    const localExtraLength = buffer.readUInt16LE(localOffset + 28);
    const start = localOffset + 30 + localNameLength + localExtraLength;
    const data = buffer.subarray(start, start + compressedSize);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** The paragraphs of word/document.xml as plain text, with each paragraph's style. */
export function docxParagraphs(docx: Buffer): { style: string | null; text: string }[] {
  const xml = unzip(docx).get('word/document.xml')?.toString('utf8');
  if (!xml) throw new Error('no word/document.xml in the DOCX');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? null,
    text: [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescapeXml(m[1]!)).join(''),
  }));
}

function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** Appends a paragraph of minutes, as Tiptap would store it. */
export function writeMinutes(doc: Y.Doc, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  const minutes = board.minutes(doc);
  minutes.insert(minutes.length, [paragraph]);
}

/** Waits until the server's live document satisfies `check` (the client's edit has arrived). */
export async function untilServerHas(server: TestServer, docName: string, check: (doc: Y.Doc) => boolean): Promise<void> {
  let ok = false;
  const until = Date.now() + 5000;
  while (!ok) {
    const [room] = await server.deps.rooms.openRooms((n) => n === docName);
    ok = room !== undefined && check(room.doc);
    if (!ok && Date.now() > until) throw new Error(`timed out waiting for ${docName} on the server`);
    if (!ok) await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Waits until the server's live document holds every insertion `client` made. The server applies
 * one connection's messages in order (and, since ws events are deferred, over several turns), so
 * once the last one is in, all before it are: end a batch of writes with an insertion, not a
 * deletion (a deletion does not move the state vector this compares).
 */
export function untilServerCaughtUp(server: TestServer, docName: string, client: Y.Doc): Promise<void> {
  const want = Y.decodeStateVector(Y.encodeStateVector(client));
  return untilServerHas(server, docName, (d) => {
    const have = Y.decodeStateVector(Y.encodeStateVector(d));
    return [...want].every(([id, clock]) => (have.get(id) ?? 0) >= clock);
  });
}

export function decodeState(base64: string): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Buffer.from(base64, 'base64'));
  return doc;
}

export const decision = (id: string, text: string, ownerOrgId: string | null, dueDate: string | null) => ({
  id,
  text,
  ownerOrgId,
  dueDate,
  planItemId: null,
  confirmed: true,
  confirmedBy: 'u-tanaka',
  createdBy: 'u-tanaka',
  createdAt: new Date().toISOString(),
});

/**
 * Sends a sync step 1 on the client's socket and resolves when the server's step 2 answers it.
 * The server handles one connection's messages in order, so once this resolves everything the
 * client sent before it has been handled: a positive marker instead of "sleep, then assert".
 */
export function roundTrip(client: { doc: Y.Doc; provider: { ws: unknown } }): Promise<void> {
  const ws = client.provider.ws as { send(data: Uint8Array): void; addEventListener(type: 'message', fn: (e: { data: ArrayBuffer }) => void): void; removeEventListener(type: 'message', fn: (e: { data: ArrayBuffer }) => void): void } | null;
  if (!ws) throw new Error('the client has no open socket');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no answer to the sync step 1 within 5 s')), 5000);
    const onMessage = (e: { data: ArrayBuffer }) => {
      const bytes = new Uint8Array(e.data);
      // messageSync (0), then messageYjsSyncStep2 (1)
      if (bytes[0] === 0 && bytes[1] === 1) {
        clearTimeout(timer);
        ws.removeEventListener('message', onMessage);
        resolve();
      }
    };
    ws.addEventListener('message', onMessage);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeSyncStep1(encoder, client.doc);
    ws.send(encoding.toUint8Array(encoder));
  });
}
