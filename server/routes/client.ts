import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { AppEnv } from '../deps.ts';

/** Serves the Vite build; unknown paths get index.html so client-side routes survive a reload. */
export function mountClient(app: Hono<AppEnv>, clientDir: string): void {
  const indexFile = join(clientDir, 'index.html');
  if (!existsSync(indexFile)) {
    console.warn(`[http] no built client at ${clientDir}: run "npm run build" (the API still works)`);
    return;
  }
  const root = relative(process.cwd(), clientDir) || '.';
  app.use('/assets/*', serveStatic({ root }));
  app.get('/favicon.svg', serveStatic({ root }));
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/collab/')) return next();
    return c.html(readFileSync(indexFile, 'utf8'));
  });
}
