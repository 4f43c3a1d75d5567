import type { Category } from './categories.ts';

export const CONSENT_STATUSES = ['not_asked', 'granted', 'refused', 'withdrawn', 'expired'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

export const CONSENT_METHODS = ['written', 'oral'] as const; // 書面 / 口頭
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** '*' means every member admitted to the meeting, whatever their organisation. */
export const ALL_MEMBERS = '*';

/** One permit: this category may be shared with this organisation (or with every meeting member). */
export interface ConsentScopeEntry {
  category: Category;
  orgId: string; // an organisation id, or ALL_MEMBERS
}

/** The person's consent as it stands now (the newest record of their history). */
export interface ConsentState {
  personId: string;
  status: ConsentStatus;
  /** ISO dates (YYYY-MM-DD) or full ISO timestamps; null = open-ended. */
  validFrom: string | null;
  validUntil: string | null;
  scope: ConsentScopeEntry[];
}
