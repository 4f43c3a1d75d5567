import { CATEGORIES, type Category } from '../../shared/domain/categories.ts';
import type { UserView } from '../../shared/api/auth.ts';
import type { BoardNote } from '../collab/compartment-pool.ts';

/** Fills `{name}` placeholders of a UI string. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

export const categoryOrder = (category: Category): number => CATEGORIES.indexOf(category);

/**
 * "Your own note": written by this user. Notes written before authors were recorded (the seed)
 * fall back to name and agency.
 */
export function isOwnNote(note: BoardNote, user: Pick<UserView, 'id' | 'displayName' | 'orgName'>): boolean {
  if (note.authorId !== undefined) return note.authorId === user.id;
  return note.authorName === user.displayName && note.authorOrgName === user.orgName;
}

/** An item id: random, and also outside secure contexts (plain http on a LAN address). */
export function newItemId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
