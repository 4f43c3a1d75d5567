import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { meetingKindName, onMeetingKindNames } from '../admin/meeting-kind-names.ts';
import { en, ja, type MessageKey } from './messages.ts';
import { BUILT_IN_MEETING_KINDS } from '../../shared/domain/meeting-kinds.ts';
import { formatDate, formatDateTime } from './dates.ts';

export type Locale = 'ja' | 'en';

interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey): string;
  /** A key built at run time (a state, a role): falls back to the raw value when unknown. */
  tx(key: string): string;
  meetingKind(kindId: string): string;
  date(iso: string): string;
  dateTime(iso: string): string;
}

const I18nContext = createContext<I18n | null>(null);
const STORAGE_KEY = 'kasane.locale';

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => (localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ja'));
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  // Local and renamed meeting kinds come from the server (issue 10); re-render when they arrive.
  const [kindNames, setKindNames] = useState(0);
  useEffect(() => onMeetingKindNames(() => setKindNames((n) => n + 1)), []);
  const value = useMemo<I18n>(() => {
    const table: Record<string, string> = locale === 'ja' ? ja : en;
    return {
      locale,
      setLocale,
      t: (key) => table[key] ?? key,
      tx: (key) => table[key] ?? key,
      meetingKind: (kindId) => {
        const named = meetingKindName(kindId, locale);
        if (named) return named;
        const kind = BUILT_IN_MEETING_KINDS.find((k) => k.id === kindId);
        return kind ? (locale === 'ja' ? kind.nameJa : kind.nameEn) : kindId;
      },
      date: (iso) => formatDate(iso, locale),
      dateTime: (iso) => formatDateTime(iso, locale),
    };
  }, [locale, setLocale, kindNames]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
