import type { Hook } from '@hono/zod-openapi';

/** Every validation failure answers the same way: 400 with the first problem spelled out. */
export const validationHook: Hook<any, any, any, any> = (result, c) => {
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') || 'body';
    return c.json({ error: 'invalid_request', message: `${where}: ${issue?.message ?? 'invalid'}` }, 400);
  }
};
