import type { ReactNode } from 'react';
import { recordsPrintRoute, recordsRoute } from '../records/routes.tsx';
import { AppShell } from './AppShell.tsx';

/**
 * The records screens as one lazily loaded chunk (App.tsx): the print layout stands alone, the
 * others sit in the app shell; a path that is not a records path gets `fallback` (the case list).
 */
export function RecordsEntry({ path, fallback }: { path: string; fallback: ReactNode }) {
  const print = recordsPrintRoute(path);
  if (print) return <>{print}</>;
  return <AppShell>{recordsRoute(path) ?? fallback}</AppShell>;
}
