import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { AppEnv } from '../deps.ts';

/** Hashed build output (assets/<name>-<hash>.js): a new build gets new names, so never re-fetch. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current hashes: always ask the server (a 304 costs little). */
export const REVALIDATE = 'no-cache';

/**
 * Serves the Vite build; unknown paths get index.html so client-side routes survive a reload.
 * Assets are sent precompressed (brotli or gzip, made by the build: see vite.config.ts) when the
 * browser accepts it, with a year-long immutable cache; index.html is revalidated every time.
 */
export function mountClient(app: Hono<AppEnv>, clientDir: string): void {
  const indexFile = join(clientDir, 'index.html');
  if (!existsSync(indexFile)) {
    console.warn(`[http] no built client at ${clientDir}: run "npm run build" (the API still works)`);
    return;
  }
  const root = relative(process.cwd(), clientDir) || '.';
  app.use(
    '/assets/*',
    serveStatic({
      root,
      precompressed: true,
      onFound: (_path, c) => {
        c.header('Cache-Control', IMMUTABLE);
      },
    }),
  );
  // A missing chunk (an old page asking for a replaced build) is a 404, not the app's HTML.
  app.get('/assets/*', (c) => c.text('not found', 404, { 'Cache-Control': 'no-store' }));
  app.get(
    '/favicon.svg',
    serveStatic({
      root,
      precompressed: true,
      onFound: (_path, c) => {
        c.header('Cache-Control', 'public, max-age=86400');
      },
    }),
  );
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/collab/')) return next();
    return c.html(readFileSync(indexFile, 'utf8'), 200, { 'Cache-Control': REVALIDATE });
  });
}
