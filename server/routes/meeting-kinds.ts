import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { CreateMeetingKindRequest, MeetingKindView } from '../../shared/api/meeting-kinds.ts';
import type { AppEnv, Deps } from '../deps.ts';
import { requireUser } from '../auth/session-middleware.ts';
import { errorResponses } from './errors.ts';
import { validationHook } from './validation-hook.ts';
import { parseAgenda } from '../admin/agenda-json.ts';

const listKinds = createRoute({
  method: 'get',
  path: '/',
  middleware: [requireUser] as const,
  responses: { 200: { description: 'Meeting kinds of this municipality', content: { 'application/json': { schema: z.array(MeetingKindView) } } }, ...errorResponses(401) },
});

const addKind = createRoute({
  method: 'post',
  path: '/',
  middleware: [requireUser] as const,
  request: { body: { content: { 'application/json': { schema: CreateMeetingKindRequest } }, required: true } },
  responses: { 201: { description: 'Added', content: { 'application/json': { schema: MeetingKindView } } }, ...errorResponses(400, 401, 403, 409) },
});

/**
 * Meeting kinds are configuration (DOMAIN.md: a municipality must be able to configure them). Built-in
 * kinds are seeded; administrators add local ones. Kinds are never edited in place: a kind's flags
 * decide who saw what in past meetings, so changing them would rewrite history.
 */
export function meetingKindRoutes(deps: Deps) {
  const { db } = deps;
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(listKinds, async (c) => {
      const rows = await db.selectFrom('meeting_kinds').selectAll().orderBy('id').execute();
      return c.json(rows.map(toView), 200);
    })
    .openapi(addKind, async (c) => {
      const user = c.get('user')!;
      if (user.role !== 'administrator') return c.json({ error: 'forbidden', message: '会議の種類は管理者のみが追加できます' }, 403);
      const body = c.req.valid('json');
      const exists = await db.selectFrom('meeting_kinds').select('id').where('id', '=', body.id).executeTakeFirst();
      if (exists) return c.json({ error: 'conflict', message: `その ID の会議の種類は既にあります (${body.id})` }, 409);
      const row = {
        id: body.id,
        name_ja: body.nameJa,
        name_en: body.nameEn,
        consent_required: body.consentRequired ? 1 : 0,
        confidentiality_required: body.confidentialityRequired ? 1 : 0,
      };
      await db.insertInto('meeting_kinds').values(row).execute();
      await deps.audit.record({ actorUserId: user.id, action: 'meeting_kind.added', detail: { ...body } });
      return c.json(toView(row), 201);
    });
}

function toView(r: { id: string; name_ja: string; name_en: string; consent_required: number; confidentiality_required: number; agenda_json?: string | null }) {
  return {
    id: r.id,
    nameJa: r.name_ja,
    nameEn: r.name_en,
    consentRequired: r.consent_required === 1,
    confidentialityRequired: r.confidentiality_required === 1,
    // The municipality's own agenda per moment ('' = any): the board fills new meetings from it.
    agenda: parseAgenda(r.agenda_json),
  };
}
