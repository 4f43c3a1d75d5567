/**
 * Japanese fiscal years (年度: April to March) and 和暦 dates. Pure; both ends use it (the server
 * for indicators and exports, the client for labels), so the same date never reads differently.
 *
 * Japan has no daylight saving time, so a fixed +09:00 offset is exact for every date.
 */
const JST = '+09:00';
const TIME_ZONE = 'Asia/Tokyo';

/** The earliest and latest fiscal years the indicators accept (a typo guard, not a policy). */
export const FISCAL_YEAR_MIN = 2000;
export const FISCAL_YEAR_MAX = 2100;

/** [from, to) of fiscal year `fy` as UTC ISO text, comparable with stored timestamps. */
export function fiscalYearRange(fy: number): { from: string; to: string } {
  return {
    from: new Date(`${fy}-04-01T00:00:00${JST}`).toISOString(),
    to: new Date(`${fy + 1}-04-01T00:00:00${JST}`).toISOString(),
  };
}

/** The fiscal year an instant falls in, by the calendar in Japan. */
export function fiscalYearOf(iso: string): number {
  const [year, month] = jstParts(iso);
  return month >= 4 ? year : year - 1;
}

function jstParts(iso: string): [number, number, number] {
  const shifted = new Date(Date.parse(iso) + 9 * 3600 * 1000);
  return [shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate()];
}

const warekiDateFormat = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  weekday: 'short',
  timeZone: TIME_ZONE,
});
const timeFormat = new Intl.DateTimeFormat('ja-JP', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE });

/** Accepts full ISO timestamps and plain dates (a plain date is that day in Japan). */
function toDate(value: string): Date | null {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00${JST}` : value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** 令和8年4月10日(金); with `time`, 令和8年4月10日(金) 14:00. Unparseable input is returned as is. */
export function wareki(value: string, opts: { time?: boolean } = {}): string {
  const date = toDate(value);
  if (!date) return value;
  const day = warekiDateFormat.format(date);
  return opts.time ? `${day} ${timeFormat.format(date)}` : day;
}

/**
 * 令和8年度 (fiscal year 2026). Named after the era of the calendar year it starts in, as that
 * year ended: FY2019 began on 平成31年4月1日 but is called 令和元年度 (the era changed on May 1st).
 */
export function warekiFiscalYear(fy: number): string {
  const parts = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', timeZone: TIME_ZONE }).formatToParts(
    new Date(`${fy}-12-31T12:00:00${JST}`),
  );
  const era = parts.find((p) => p.type === 'era')?.value ?? '';
  const year = parts.find((p) => p.type === 'year')?.value ?? String(fy);
  return `${era}${year}年度`;
}
