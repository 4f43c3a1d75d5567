import type { Deps } from '../deps.ts';
import { LoginThrottle } from '../auth/login-throttle.ts';

/**
 * "Unlock" in the administration screens clears both locks a user can be under: too many wrong
 * second-factor codes (stored, see totp.ts) and the password throttle of the account name (stored
 * too, shared by every node: see login-throttle.ts), here.
 */
export async function clearPasswordLock(deps: Deps, username: string): Promise<void> {
  await new LoginThrottle(deps.db, deps.config.loginThrottle).clearAccount(username);
}
