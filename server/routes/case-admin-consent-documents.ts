import { randomUUID } from 'node:crypto';
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { CONSENT_DOCUMENT_MAX_BYTES, CONSENT_DOCUMENT_TYPES, ConsentDocumentView } from '../../shared/api/case-admin.ts';
import type { AppEnv, Deps } from '../deps.ts';
import { requireUser } from '../auth/session-middleware.ts';
import { errorResponses } from './errors.ts';
import { validationHook } from './validation-hook.ts';
import { CASE_NOT_FOUND, managedCase } from '../intake/case-state.ts';

/**
 * The signed 同意書 (issue 10): a PDF or image scan attached to a consent record, stored in the
 * database, shown only to those who manage the case (DOMAIN.md: a participant never sees
 * "the note or the signed form"). The bytes must be what the type says: a file whose first
 * bytes are not a PDF, PNG or JPEG signature is refused, so nothing else can be served back
 * under a harmless type.
 */
const caseParam = z.object({ caseId: z.string().min(1).max(64) });
const docParam = caseParam.extend({ recordId: z.coerce.number().int().positive() });
const NOT_FOUND = { error: 'not_found', message: '同意の記録が見つかりません' } as const;

const binary = z.string().openapi({ type: 'string', format: 'binary' });
const upload = createRoute({
  method: 'post',
  path: '/{caseId}/consents/{recordId}/document',
  middleware: [requireUser, bodyLimit({ maxSize: CONSENT_DOCUMENT_MAX_BYTES, onError: (c) => c.json({ error: 'payload_too_large', message: '同意書のファイルは5MBまでです' }, 413) })] as const,
  request: {
    params: docParam,
    headers: z.object({ 'x-filename': z.string().max(400).optional() }),
    body: { content: Object.fromEntries(CONSENT_DOCUMENT_TYPES.map((t) => [t, { schema: binary }])), required: true },
  },
  responses: {
    201: { description: 'Attached to the consent record', content: { 'application/json': { schema: ConsentDocumentView } } },
    413: { description: 'Larger than 5 MB', content: { 'application/json': { schema: z.object({ error: z.string(), message: z.string() }) } } },
    ...errorResponses(400, 401, 404),
  },
});
const download = createRoute({
  method: 'get',
  path: '/{caseId}/consents/{recordId}/document',
  middleware: [requireUser] as const,
  request: { params: docParam },
  responses: { 200: { description: 'The scan, as uploaded', content: Object.fromEntries(CONSENT_DOCUMENT_TYPES.map((t) => [t, { schema: binary }])) }, ...errorResponses(401, 404) },
});
const list = createRoute({
  method: 'get',
  path: '/{caseId}/consent-documents',
  middleware: [requireUser] as const,
  request: { params: caseParam },
  responses: { 200: { description: 'Attached 同意書 of the case', content: { 'application/json': { schema: z.array(ConsentDocumentView) } } }, ...errorResponses(401, 404) },
});

function sniff(bytes: Uint8Array): (typeof CONSENT_DOCUMENT_TYPES)[number] | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  return null;
}

export function caseConsentDocumentRoutes(deps: Deps) {
  const { db } = deps;

  async function views(caseId: string, recordId?: number) {
    let q = db
      .selectFrom('consent_documents')
      .innerJoin('users', 'users.id', 'consent_documents.uploaded_by')
      .select(['consent_documents.id', 'consent_record_id', 'filename', 'mime', 'size', 'uploaded_at', 'users.display_name'])
      .where('case_id', '=', caseId);
    if (recordId !== undefined) q = q.where('consent_record_id', '=', recordId);
    const rows = await q.orderBy('uploaded_at', 'desc').execute();
    return rows.map((r) => ({ id: r.id, consentRecordId: Number(r.consent_record_id), filename: r.filename, mime: r.mime, size: Number(r.size), uploadedBy: r.display_name, uploadedAt: r.uploaded_at }));
  }

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(upload, async (c) => {
      const { caseId, recordId } = c.req.valid('param');
      const user = c.get('user')!;
      if (!(await managedCase(db, user, caseId))) return c.json(CASE_NOT_FOUND, 404);
      const record = await db.selectFrom('consent_records').select('id').where('id', '=', recordId).where('case_id', '=', caseId).executeTakeFirst();
      if (!record) return c.json(NOT_FOUND, 404);
      const declared = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length === 0) return c.json({ error: 'invalid_request', message: 'ファイルが空です' }, 400);
      const actual = sniff(bytes);
      if (!actual || actual !== declared) return c.json({ error: 'invalid_request', message: '同意書は PDF・PNG・JPEG のファイルを選んでください' }, 400);
      const rawName = c.req.header('x-filename');
      let filename = '同意書';
      try {
        filename = rawName ? decodeURIComponent(rawName).replace(/[\\/\r\n"]/g, '_').slice(0, 200) : filename;
      } catch {
        // a malformed name is not worth refusing the scan over
      }
      const id = `cd-${randomUUID()}`;
      await db
        .insertInto('consent_documents')
        .values({ id, consent_record_id: recordId, case_id: caseId, filename, mime: actual, size: bytes.length, data: Buffer.from(bytes), uploaded_by: user.id, uploaded_at: new Date().toISOString() })
        .execute();
      await db.updateTable('consent_records').set({ document_ref: `consent_documents/${id}` }).where('id', '=', recordId).execute();
      await deps.audit.record({ actorUserId: user.id, action: 'consent_document.attached', caseId, detail: { consentRecordId: recordId, documentId: id, size: bytes.length, mime: actual } });
      return c.json((await views(caseId, recordId)).find((v) => v.id === id)!, 201);
    })
    .openapi(download, async (c) => {
      const { caseId, recordId } = c.req.valid('param');
      const user = c.get('user')!;
      if (!(await managedCase(db, user, caseId))) return c.json(CASE_NOT_FOUND, 404);
      const row = await db.selectFrom('consent_documents').selectAll().where('case_id', '=', caseId).where('consent_record_id', '=', recordId).orderBy('uploaded_at', 'desc').limit(1).executeTakeFirst();
      if (!row) return c.json(NOT_FOUND, 404);
      await deps.audit.record({ actorUserId: user.id, action: 'consent_document.viewed', caseId, detail: { consentRecordId: recordId, documentId: row.id } });
      return c.body(new Uint8Array(row.data), 200, {
        'content-type': row.mime,
        'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(row.filename)}`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      }) as never;
    })
    .openapi(list, async (c) => {
      const { caseId } = c.req.valid('param');
      if (!(await managedCase(db, c.get('user')!, caseId))) return c.json(CASE_NOT_FOUND, 404);
      return c.json(await views(caseId), 200);
    });
}
