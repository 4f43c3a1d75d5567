import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Deps } from '../deps.ts';
import { loadSettings } from '../admin/settings-store.ts';
import { totpEnrolled } from './totp.ts';

/**
 * Step-up for sensitive actions (administration, exports): a session whose last correct code is
 * older than the municipality's step-up interval is refused with 403 step_up_required, and the
 * client asks for a code (POST /api/auth/step-up) and retries. A user without a factor, in a
 * municipality that does not require one, has nothing to step up with and passes; where one is
 * required they are told to enrol first.
 */
export function requireRecentSecondFactor(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get('user');
    const sessionId = c.get('sessionId');
    if (!user || !sessionId) return c.json({ error: 'unauthenticated', message: 'ログインしてください (sign in first)' }, 401);
    const settings = await loadSettings(deps.db);
    const enrolled = await totpEnrolled(deps.db, user.id);
    if (!enrolled) {
      if (!settings.requireTwoFactor) return next();
      return c.json({ error: 'enrolment_required', message: '二要素認証の設定が必要です (set up two-factor sign-in first)' }, 403);
    }
    const row = await deps.db.selectFrom('session_factors').select('verified_at').where('session_id', '=', sessionId).executeTakeFirst();
    const fresh = row && Date.now() - Number(row.verified_at) <= settings.stepUpMinutes * 60 * 1000;
    if (!fresh) return c.json({ error: 'step_up_required', message: '確認コードを入力してください (enter your authentication code again)' }, 403);
    return next();
  };
}
