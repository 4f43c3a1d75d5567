/**
 * Which paths belong to the lazily loaded areas (App.tsx), decided without loading them. Kept in
 * step with client/admin/routes.tsx and client/intake/routes.tsx.
 */
export function isAdminPath(path: string): boolean {
  return path === '/admin' || path.startsWith('/admin/') || path === '/account';
}

export function isIntakePath(path: string): boolean {
  return (
    path === '/intake' ||
    path.startsWith('/intake/') ||
    path === '/cases/find' ||
    /^\/cases\/[^/]+\/admin$/.test(path) ||
    /^\/meetings\/[^/]+\/invitations$/.test(path)
  );
}
