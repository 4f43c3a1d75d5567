/**
 * Dates as a Japanese social worker writes them: 和暦 (令和8年11月23日) through Intl's Japanese
 * calendar; Gregorian for English.
 */
export function formatDate(iso: string, locale: 'ja' | 'en'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (locale === 'ja') {
    return new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', day: 'numeric', weekday: 'short', timeZone: 'Asia/Tokyo' }).format(date);
  }
  return new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'short', day: 'numeric', weekday: 'short', timeZone: 'Asia/Tokyo' }).format(date);
}

export function formatDateTime(iso: string, locale: 'ja' | 'en'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Tokyo' }).format(date);
  return `${formatDate(iso, locale)} ${time}`;
}
