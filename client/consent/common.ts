import type { DirectoryView } from '../../shared/api/participants.ts';
import type { UserView } from '../../shared/api/auth.ts';
import { ALL_MEMBERS } from '../../shared/domain/consent.ts';
import { api, unwrap } from '../api/client.ts';

/** Fills `{name}` placeholders of a message. */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));
}

export function loadDirectory(): Promise<DirectoryView> {
  return unwrap<DirectoryView>(api.directory.$get());
}

/** Agencies a consent can name: every organisation except the residents' pseudo-organisation. */
export function scopeOrganisations(directory: DirectoryView): DirectoryView['organisations'] {
  return directory.organisations.filter((o) => o.field !== 'resident');
}

export function orgLabel(directory: DirectoryView | null, orgId: string, allMembers: string): string {
  if (orgId === ALL_MEMBERS) return allMembers;
  return directory?.organisations.find((o) => o.id === orgId)?.name ?? orgId;
}

/** Today in Japan as YYYY-MM-DD (the form's default start date). */
export function todayInJapan(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
