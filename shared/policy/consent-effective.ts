/**
 * Whether a person's recorded consent is in force at a given moment, and whether it covers
 * one category for one organisation. Pure: no clock, no host time zone, no I/O.
 *
 * DOMAIN.md "Consent": status, validity period and scope (category x organisation or all
 * members). The policy asks the effective status, never the stored one, so an expired period
 * hides items at once even if nobody has updated the record.
 */
import type { Category } from '../domain/categories.ts';
import { ALL_MEMBERS } from '../domain/consent.ts';
import type { ConsentState } from '../domain/consent.ts';

/**
 * Date-only bounds (YYYY-MM-DD, as written on a 同意書) are calendar days in Japan, not in UTC:
 * a form valid "until 2025-03-31" must not keep sharing until 09:00 on April 1st. Japan has no
 * daylight saving time, so a fixed offset is exact.
 */
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
/**
 * Timestamps must carry an explicit offset: without one, Date.parse reads them in the host's
 * time zone and the same query would be decided differently on two servers.
 */
const ZONED_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Epoch ms of 00:00 JST on that calendar day, or null when the date does not exist (2025-02-30). */
function jstStartOfDay(y: number, m: number, d: number): number | null {
  const utcMidnight = Date.UTC(y, m - 1, d);
  const check = new Date(utcMidnight);
  // Date.UTC silently rolls 02-30 over to 03-02; reject instead of guessing.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return utcMidnight - JST_OFFSET_MS;
}

/**
 * The instant a bound stands for. `edge` matters only for date-only values: a start bound
 * begins with its day, an end bound lasts through the last millisecond of its day.
 * Returns null for anything unparseable so that callers can fail closed.
 */
export function toInstant(value: string, edge: 'start' | 'end'): number | null {
  const dateOnly = DATE_ONLY.exec(value);
  if (dateOnly) {
    const start = jstStartOfDay(Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3]));
    if (start === null) return null;
    return edge === 'start' ? start : start + DAY_MS - 1;
  }
  const zoned = ZONED_TIMESTAMP.exec(value);
  if (!zoned) return null;
  // The calendar part must exist too; Date.parse would roll it over like Date.UTC does.
  if (jstStartOfDay(Number(zoned[1]), Number(zoned[2]), Number(zoned[3])) === null) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * The status that counts at `now`.
 * - No record: 'not_asked' (DOMAIN.md lists "not asked" as the first status).
 * - Granted but outside validFrom..validUntil: 'expired' (types.ts: "consent outside its
 *   validity period counts as expired"). Before validFrom is outside the period too: a consent
 *   that has not started yet shares nothing.
 * - Granted with an unparseable bound or `now`: 'expired' as well. Failing closed costs a
 *   facilitator a correction; failing open would share 要配慮個人情報 without a basis.
 * - Any other stored status is returned unchanged.
 */
export function effectiveConsent(state: ConsentState | undefined, now: string): ConsentState['status'] {
  if (state === undefined) return 'not_asked';
  if (state.status !== 'granted') return state.status;
  const at = toInstant(now, 'start');
  if (at === null) return 'expired';
  if (state.validFrom !== null) {
    const from = toInstant(state.validFrom, 'start');
    if (from === null || at < from) return 'expired';
  }
  if (state.validUntil !== null) {
    const until = toInstant(state.validUntil, 'end');
    if (until === null || at > until) return 'expired';
  }
  return 'granted';
}

/**
 * True when consent is in force at `now` and its scope permits `category` for `orgId`, either
 * by naming that organisation or by naming every member (ALL_MEMBERS, '*').
 * Passing ALL_MEMBERS as `orgId` asks the narrower question "is this shared with everybody?",
 * which is what household members need (they are not an organisation a form could name).
 */
export function consentCovers(
  state: ConsentState | undefined,
  category: Category,
  orgId: string,
  now: string,
): boolean {
  if (effectiveConsent(state, now) !== 'granted' || state === undefined) return false;
  return state.scope.some(
    (entry) => entry.category === category && (entry.orgId === orgId || entry.orgId === ALL_MEMBERS),
  );
}

/**
 * The first instant at which a granted consent no longer counts because its validity period is
 * over: for a date-only end, 24:00 Japan time at the end of that day (00:00 JST of the next day).
 * Null when it has no end, is not granted, or its end cannot be read (then it is already expired).
 */
export function validityEndsAt(state: ConsentState | undefined): number | null {
  if (state === undefined || state.status !== 'granted' || state.validUntil === null) return null;
  const until = toInstant(state.validUntil, 'end');
  return until === null ? null : until + 1;
}
