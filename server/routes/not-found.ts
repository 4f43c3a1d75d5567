import type { Context } from 'hono';

/**
 * The one answer for "there is nothing here for you" (issue 8, rule 3). A thing the user may not
 * know of and a thing that does not exist get these very bytes: same status, same body, whatever
 * the route, whatever the id. Routes decide admission first and existence after, and every
 * refusal that could tell the two apart goes through here.
 */
export const NOT_FOUND_BODY = { error: 'not_found', message: '見つかりません (存在しないか、閲覧できません)' } as const;

export function notFound<C extends Context<any, any, any>>(c: C) {
  return c.json({ error: NOT_FOUND_BODY.error as string, message: NOT_FOUND_BODY.message as string }, 404);
}
