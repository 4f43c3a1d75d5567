import type { ServerConfig } from '../config.ts';

/** The Vite dev server (npm run dev:client). Trusted only when NODE_ENV=development. */
export const DEV_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'] as const;

/**
 * The origins besides the request's own Host that may send our cookie: the configured ones
 * (KASANE_EXTRA_ORIGINS), and in development only the Vite dev server. A production node never
 * trusts a page on somebody's localhost:5173 (any local program could serve one).
 */
export function trustedOrigins(config: Pick<ServerConfig, 'extraOrigins' | 'development'>): string[] {
  return config.development ? [...config.extraOrigins, ...DEV_ORIGINS] : [...config.extraOrigins];
}

/**
 * Cross-site WebSocket hijacking and CSRF defence: a request that carries our session cookie must
 * come from a page we served. The Origin must name the Host the request was sent to, or one of the
 * trusted origins (see trustedOrigins).
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, trusted: readonly string[]): boolean {
  if (!origin || !host) return false;
  if (trusted.includes(origin)) return true;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host;
  } catch {
    return false;
  }
}
