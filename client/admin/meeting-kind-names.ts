import type { MeetingKindView } from '../../shared/api/meeting-kinds.ts';
import { api, unwrap } from '../api/client.ts';

/**
 * The municipality's meeting kinds by id, so every screen names a meeting kind (built-in or local,
 * as renamed by the administrator) instead of showing its id. Loaded once after sign-in; i18n's
 * meetingKind() reads it synchronously and falls back to the built-in names until it arrives.
 */
let names = new Map<string, MeetingKindView>();
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

export function meetingKindName(kindId: string, locale: 'ja' | 'en'): string | undefined {
  const kind = names.get(kindId);
  return kind ? (locale === 'ja' ? kind.nameJa : kind.nameEn) : undefined;
}

export function loadMeetingKindNames(): Promise<void> {
  loading ??= unwrap<MeetingKindView[]>(api['meeting-kinds'].$get()).then(
    (kinds) => {
      names = new Map(kinds.map((k) => [k.id, k]));
      for (const l of listeners) l();
    },
    () => {
      loading = null;
    },
  );
  return loading;
}

export function forgetMeetingKindNames(): void {
  loading = null;
  void loadMeetingKindNames();
}

export function onMeetingKindNames(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
