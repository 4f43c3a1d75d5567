import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { AdminMeetingKindView, CreateAdminMeetingKindRequest, UpdateAdminMeetingKindRequest } from '../../shared/api/admin.ts';
import { BUILT_IN_MEETING_KINDS } from '../../shared/domain/meeting-kinds.ts';
import type { AppEnv, Deps } from '../deps.ts';
import type { Db } from '../store/db.ts';
import { requireUser } from '../auth/session-middleware.ts';
import { requireAdministrator } from '../admin/guards.ts';
import { requireRecentSecondFactor } from '../auth/totp-step-up.ts';
import { errorResponses } from './errors.ts';
import { validationHook } from './validation-hook.ts';
import { parseAgenda } from '../admin/agenda-json.ts';

const KindParam = z.object({ kindId: z.string().min(1).max(64) });

async function listKinds(db: Db, onlyId?: string): Promise<AdminMeetingKindView[]> {
  let q = db.selectFrom('meeting_kinds').selectAll();
  if (onlyId) q = q.where('id', '=', onlyId);
  const rows = await q.orderBy('id').execute();
  const used = new Set((await db.selectFrom('meetings').select('kind_id').distinct().execute()).map((r) => r.kind_id));
  return rows.map((r) => ({
    id: r.id,
    nameJa: r.name_ja,
    nameEn: r.name_en,
    consentRequired: r.consent_required === 1,
    confidentialityRequired: r.confidentiality_required === 1,
    builtIn: BUILT_IN_MEETING_KINDS.some((k) => k.id === r.id),
    inUse: used.has(r.id),
    agenda: parseAgenda(r.agenda_json),
  }));
}

/**
 * Meeting kinds (administrators). Names and agenda templates can always change. The two flags
 * decide who saw what in a meeting, so they change only on a local kind no meeting has used yet;
 * the built-in kinds' flags are the law's (支援会議 / 重層的支援会議) and never change.
 */
export function adminMeetingKindRoutes(deps: Deps) {
  const { db } = deps;
  const mutate = [requireUser, requireAdministrator(), requireRecentSecondFactor(deps)];
  const list = createRoute({
    method: 'get',
    path: '/meeting-kinds',
    summary: 'Meeting kinds with flags, agenda templates and whether they are in use',
    middleware: [requireUser, requireAdministrator()],
    responses: { 200: { description: 'Kinds', content: { 'application/json': { schema: z.array(AdminMeetingKindView) } } }, ...errorResponses(401, 403) },
  });
  const add = createRoute({
    method: 'post',
    path: '/meeting-kinds',
    summary: 'Add a local meeting kind',
    middleware: mutate,
    request: { body: { content: { 'application/json': { schema: CreateAdminMeetingKindRequest } }, required: true } },
    responses: { 201: { description: 'Added', content: { 'application/json': { schema: AdminMeetingKindView } } }, ...errorResponses(400, 401, 403, 409) },
  });
  const edit = createRoute({
    method: 'patch',
    path: '/meeting-kinds/{kindId}',
    summary: 'Rename a meeting kind, change its agenda templates, or (unused local kinds) its flags',
    middleware: mutate,
    request: { params: KindParam, body: { content: { 'application/json': { schema: UpdateAdminMeetingKindRequest } }, required: true } },
    responses: { 200: { description: 'Changed', content: { 'application/json': { schema: AdminMeetingKindView } } }, ...errorResponses(400, 401, 403, 404, 409) },
  });

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, async (c) => c.json(await listKinds(db), 200))
    .openapi(add, async (c) => {
      const user = c.get('user')!;
      const body = c.req.valid('json');
      const exists = await db.selectFrom('meeting_kinds').select('id').where('id', '=', body.id).executeTakeFirst();
      if (exists) return c.json({ error: 'conflict', message: `その識別子の会議の種類は既にあります (${body.id})` }, 409);
      await db
        .insertInto('meeting_kinds')
        .values({
          id: body.id,
          name_ja: body.nameJa,
          name_en: body.nameEn,
          consent_required: body.consentRequired ? 1 : 0,
          confidentiality_required: body.confidentialityRequired ? 1 : 0,
          agenda_json: JSON.stringify(body.agenda),
        })
        .execute();
      await deps.audit.record({ actorUserId: user.id, action: 'meeting_kind.added', detail: { kindId: body.id, nameJa: body.nameJa, consentRequired: body.consentRequired, confidentialityRequired: body.confidentialityRequired } });
      return c.json((await listKinds(db, body.id))[0]!, 201);
    })
    .openapi(edit, async (c) => {
      const user = c.get('user')!;
      const { kindId } = c.req.valid('param');
      const body = c.req.valid('json');
      const [kind] = await listKinds(db, kindId);
      if (!kind) return c.json({ error: 'not_found', message: '会議の種類が見つかりません (no such meeting kind)' }, 404);
      const consent = body.consentRequired ?? kind.consentRequired;
      const confidentiality = body.confidentialityRequired ?? kind.confidentialityRequired;
      const flagsChange = consent !== kind.consentRequired || confidentiality !== kind.confidentialityRequired;
      if (flagsChange && (kind.builtIn || kind.inUse)) {
        return c.json({ error: 'conflict', message: kind.builtIn ? '標準の会議の種類の同意・守秘の設定は変更できません (built-in flags never change)' : 'この種類の会議が既にあるため同意・守秘の設定は変更できません (meetings of this kind exist)' }, 409);
      }
      if (!consent && !confidentiality) return c.json({ error: 'invalid_request', message: '本人同意か守秘義務のどちらかは必要です (a kind needs consent or confidentiality)' }, 400);
      await db
        .updateTable('meeting_kinds')
        .set({
          ...(body.nameJa !== undefined ? { name_ja: body.nameJa } : {}),
          ...(body.nameEn !== undefined ? { name_en: body.nameEn } : {}),
          consent_required: consent ? 1 : 0,
          confidentiality_required: confidentiality ? 1 : 0,
          ...(body.agenda !== undefined ? { agenda_json: JSON.stringify(body.agenda) } : {}),
        })
        .where('id', '=', kindId)
        .execute();
      await deps.audit.record({ actorUserId: user.id, action: 'admin.meeting_kind_changed', detail: { kindId, changed: Object.keys(body) } });
      return c.json((await listKinds(db, kindId))[0]!, 200);
    });
}
