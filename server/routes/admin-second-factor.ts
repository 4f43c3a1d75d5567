import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { RecoveryCodes, SecondFactorRequest, TotpCodeRequest, TotpEnrolment, TwoFactorStatus } from '../../shared/api/admin.ts';
import { UserView } from '../../shared/api/auth.ts';
import type { AppEnv, Deps } from '../deps.ts';
import { requireUser } from '../auth/session-middleware.ts';
import { checkCode, issueRecoveryCodes, recoveryCodesLeft, startEnrolment, totpEnrolled, useRecoveryCode, type CodeCheck } from '../auth/totp.ts';
import { challengeFailed, completeLogin, markSecondFactor, pendingLogin } from '../auth/totp-login.ts';
import { loadSettings } from '../admin/settings-store.ts';
import { errorResponses } from './errors.ts';
import { validationHook } from './validation-hook.ts';
import { loadUserView } from './user-view.ts';

const CODE_MESSAGES: Record<Exclude<CodeCheck, 'ok'>, string> = {
  wrong: '確認コードが違います (wrong code)',
  reused: 'この確認コードは使用済みです。次のコードを待って入力してください (code already used; wait for the next one)',
  locked: '確認コードの誤りが続いたためロックされました。管理者に解除を依頼してください (locked after wrong codes; ask an administrator)',
  not_enrolled: '二要素認証が設定されていません (no second factor set up)',
};
const NO_CHALLENGE = { error: 'unauthenticated', message: 'もう一度ユーザー名とパスワードから入力してください (start again from the password)' } as const;

const EnrolConfirmed = RecoveryCodes.extend({ user: UserView.optional() });

/**
 * The second factor: finishing a sign-in with a code (or a recovery code), enrolling (during
 * sign-in when the municipality requires it, or later by choice), and step-up for sensitive
 * actions. Mounted under /auth beside routes/auth.ts.
 */
export function secondFactorRoutes(deps: Deps) {
  const { db } = deps;
  const issuer = async () => `かさね ${(await loadSettings(db)).municipalityName}`;

  const verify = createRoute({
    method: 'post',
    path: '/second-factor',
    summary: 'Finish signing in with a TOTP code or a recovery code (after POST /auth/login answered 202)',
    request: { body: { content: { 'application/json': { schema: SecondFactorRequest } }, required: true } },
    responses: { 200: { description: 'Signed in; the session cookie is set', content: { 'application/json': { schema: UserView } } }, ...errorResponses(400, 401) },
  });
  const enrolStart = createRoute({
    method: 'post',
    path: '/enrol/start',
    summary: 'Start enrolling a TOTP authenticator (signed in, or during a sign-in that requires it)',
    responses: { 200: { description: 'The key, as text and as a QR code', content: { 'application/json': { schema: TotpEnrolment } } }, ...errorResponses(401, 409) },
  });
  const enrolConfirm = createRoute({
    method: 'post',
    path: '/enrol/confirm',
    summary: 'Confirm enrolment with a first code; returns recovery codes (shown once)',
    request: { body: { content: { 'application/json': { schema: TotpCodeRequest } }, required: true } },
    responses: { 200: { description: 'Enrolled', content: { 'application/json': { schema: EnrolConfirmed } } }, ...errorResponses(400, 401) },
  });
  const stepUp = createRoute({
    method: 'post',
    path: '/step-up',
    summary: 'Confirm the second factor again before administration or exports',
    middleware: [requireUser],
    request: { body: { content: { 'application/json': { schema: SecondFactorRequest } }, required: true } },
    responses: { 204: { description: 'Confirmed for this session' }, ...errorResponses(400, 401) },
  });
  const status = createRoute({
    method: 'get',
    path: '/second-factor',
    summary: 'Whether the signed-in user has a second factor, and whether it is required',
    middleware: [requireUser],
    responses: { 200: { description: 'Status', content: { 'application/json': { schema: TwoFactorStatus } } }, ...errorResponses(401) },
  });

  /** The user this enrolment is for: the signed-in user, or the one half-way through signing in. */
  const enrollee = async (c: Context<AppEnv>) => {
    const user = c.get('user');
    if (user) return { userId: user.id, username: user.username, pending: null };
    const pending = await pendingLogin(deps, c);
    if (!pending || pending.kind !== 'enrol') return null;
    const row = await db.selectFrom('users').select('username').where('id', '=', pending.userId).executeTakeFirst();
    return row ? { userId: pending.userId, username: row.username, pending } : null;
  };

  const checkEither = async (userId: string, body: z.infer<typeof SecondFactorRequest>): Promise<CodeCheck> => {
    if ('code' in body) return checkCode(db, userId, body.code);
    if (!(await totpEnrolled(db, userId))) return 'not_enrolled';
    const ok = await useRecoveryCode(db, userId, body.recoveryCode);
    if (ok) await deps.audit.record({ actorUserId: userId, action: 'auth.recovery_code_used', detail: { left: await recoveryCodesLeft(db, userId) } });
    return ok ? 'ok' : 'wrong';
  };

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(verify, async (c) => {
      const pending = await pendingLogin(deps, c);
      if (!pending || pending.kind !== 'totp') return c.json(NO_CHALLENGE, 401);
      const body = c.req.valid('json');
      const result = await checkEither(pending.userId, body);
      if (result !== 'ok') {
        await challengeFailed(deps, pending);
        await deps.audit.record({ actorUserId: pending.userId, action: 'auth.second_factor_failed', detail: { reason: result, stage: 'login' } });
        return c.json({ error: 'invalid_code', message: CODE_MESSAGES[result] }, 401);
      }
      await completeLogin(deps, c, pending);
      await deps.audit.record({ actorUserId: pending.userId, action: 'auth.login', detail: { secondFactor: 'code' in body ? 'totp' : 'recovery_code' } });
      return c.json((await loadUserView(db, pending.userId))!, 200);
    })
    .openapi(enrolStart, async (c) => {
      const who = await enrollee(c);
      if (!who) return c.json(NO_CHALLENGE, 401);
      if (await totpEnrolled(db, who.userId)) return c.json({ error: 'conflict', message: '二要素認証は設定済みです (already set up)' }, 409);
      return c.json(await startEnrolment(db, who.userId, who.username, await issuer()), 200);
    })
    .openapi(enrolConfirm, async (c) => {
      const who = await enrollee(c);
      if (!who) return c.json(NO_CHALLENGE, 401);
      const { code } = c.req.valid('json');
      const result = await checkCode(db, who.userId, code, { pending: true });
      if (result !== 'ok') {
        if (who.pending) await challengeFailed(deps, who.pending);
        await deps.audit.record({ actorUserId: who.userId, action: 'auth.second_factor_failed', detail: { reason: result, stage: 'enrol' } });
        return c.json({ error: 'invalid_code', message: CODE_MESSAGES[result] }, 400);
      }
      const recoveryCodes = await issueRecoveryCodes(db, who.userId);
      await deps.audit.record({ actorUserId: who.userId, action: 'auth.second_factor_enrolled', detail: {} });
      if (who.pending) {
        await completeLogin(deps, c, who.pending);
        await deps.audit.record({ actorUserId: who.userId, action: 'auth.login', detail: { secondFactor: 'enrolled' } });
        return c.json({ recoveryCodes, user: (await loadUserView(db, who.userId))! }, 200);
      }
      await markSecondFactor(deps, c.get('sessionId')!);
      return c.json({ recoveryCodes }, 200);
    })
    .openapi(stepUp, async (c) => {
      const user = c.get('user')!;
      const body = c.req.valid('json');
      const result = await checkEither(user.id, body);
      if (result !== 'ok') {
        await deps.audit.record({ actorUserId: user.id, action: 'auth.second_factor_failed', detail: { reason: result, stage: 'step_up' } });
        return c.json({ error: 'invalid_code', message: CODE_MESSAGES[result] }, 400);
      }
      await markSecondFactor(deps, c.get('sessionId')!);
      await deps.audit.record({ actorUserId: user.id, action: 'auth.step_up', detail: {} });
      return c.body(null, 204);
    })
    .openapi(status, async (c) => {
      const user = c.get('user')!;
      return c.json({ enrolled: await totpEnrolled(db, user.id), required: (await loadSettings(db)).requireTwoFactor, recoveryCodesLeft: await recoveryCodesLeft(db, user.id) }, 200);
    });
}
