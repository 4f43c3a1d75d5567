/**
 * Categories of information about a person (DOMAIN.md "Consent").
 * Those marked sensitive are 要配慮個人情報 under the APPI.
 */
export const CATEGORIES = [
  'basic',
  'living',
  'health',
  'disability',
  'finances',
  'tax',
  'child_protection',
  'dv_whereabouts',
  'justice',
] as const;

export type Category = (typeof CATEGORIES)[number];

export const SENSITIVE_CATEGORIES: readonly Category[] = ['health', 'disability', 'child_protection', 'justice'];

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}
