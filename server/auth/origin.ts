/**
 * Cross-site WebSocket hijacking and CSRF defence: a request that carries our session cookie must
 * come from a page we served. The Origin must name the Host the request was sent to, or one of the
 * extra origins configured (the Vite dev server).
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, extra: readonly string[]): boolean {
  if (!origin || !host) return false;
  if (extra.includes(origin)) return true;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host;
  } catch {
    return false;
  }
}
