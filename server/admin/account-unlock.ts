import type { Deps } from '../deps.ts';
import type { LoginThrottle } from '../auth/login-throttle.ts';

/**
 * "Unlock" in the administration screens clears both locks a user can be under: too many wrong
 * second-factor codes (stored, see totp.ts) and the password throttle of this node (in memory,
 * held by routes/auth.ts, which registers it here so the admin route can reach it).
 */
const throttles = new WeakMap<Deps, LoginThrottle>();

export function registerLoginThrottle(deps: Deps, throttle: LoginThrottle): void {
  throttles.set(deps, throttle);
}

export function clearPasswordLock(deps: Deps, username: string): void {
  throttles.get(deps)?.succeeded(username);
}
