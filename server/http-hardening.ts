import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './deps.ts';
import type { ServerConfig } from './config.ts';

/** Sign-in and sign-out carry a name and a password: nothing needs more before a session exists. */
const AUTH_BODY_BYTES = 16 * 1024;

/**
 * Request bodies are bounded before anything parses them: a declared Content-Length over the
 * limit is refused with 413 at once (the body is never read); a chunked body is cut off as soon
 * as it passes the limit.
 */
export function boundedBodies(maxBytes: number): MiddlewareHandler<AppEnv> {
  const limited = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c) =>
        c.json({ error: 'payload_too_large', message: `リクエストが大きすぎます (request body over ${maxSize} bytes)` }, 413),
    });
  const general = limited(maxBytes);
  const auth = limited(Math.min(maxBytes, AUTH_BODY_BYTES));
  return (c, next) => (c.req.path.startsWith('/api/auth/') ? auth(c, next) : general(c, next));
}

/**
 * Security headers on every response. The CSP allows scripts from our own origin only (the Vite
 * build has no inline script); styles may be inline because the editor (tiptap) and the ecomap
 * (React Flow) inject their own style elements. No page may frame ours (clickjacking); HSTS only
 * when the node is served over HTTPS (KASANE_SECURE_COOKIES=1).
 */
export function securityHeaders(config: Pick<ServerConfig, 'secureCookies'>): MiddlewareHandler<AppEnv> {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    xContentTypeOptions: 'nosniff',
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: config.secureCookies ? 'max-age=31536000; includeSubDomains' : false,
    crossOriginResourcePolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
  });
}

/** API answers hold case data: no browser or proxy cache may keep them. */
export const noStore: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  try {
    c.res.headers.set('Cache-Control', 'no-store');
  } catch {
    // A response with immutable headers: copy it.
    c.res = new Response(c.res.body, c.res);
    c.res.headers.set('Cache-Control', 'no-store');
  }
};
