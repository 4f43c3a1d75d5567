import type { MeetingKindView } from '../../shared/api/meeting-kinds.ts';
import type { MeetingKindFlags } from '../../shared/domain/meeting-kinds.ts';
import { api, unwrap } from '../api/client.ts';
import { useApi } from '../ui/useApi.ts';

/** What the server assumes of a kind it does not know: the strictest (server/access/load.ts). */
const STRICTEST: MeetingKindFlags = { consentRequired: true, confidentialityRequired: true };

/**
 * The flags of one meeting kind as the municipality configured it (GET /api/meeting-kinds), so a
 * municipality's own kinds behave like the built-in ones (the affirmation banner included).
 * Null while loading. The server decides access on the same configuration; this only explains.
 */
export function useMeetingKindFlags(kindId: string | null): MeetingKindFlags | null {
  const kinds = useApi(() => unwrap<MeetingKindView[]>(api['meeting-kinds'].$get()), 'meeting-kinds');
  if (!kindId || !kinds.data) return kinds.error && kindId ? STRICTEST : null;
  const kind = kinds.data.find((k) => k.id === kindId);
  return kind ? { consentRequired: kind.consentRequired, confidentialityRequired: kind.confidentialityRequired } : STRICTEST;
}

/**
 * The kind as the municipality configured it: undefined while loading, null when the server does
 * not know it (or could not be asked). The agenda panel waits for it before filling a new agenda.
 */
export function useMeetingKind(kindId: string | null): MeetingKindView | null | undefined {
  const kinds = useApi(() => unwrap<MeetingKindView[]>(api['meeting-kinds'].$get()), 'meeting-kinds');
  if (kinds.error) return null;
  if (!kindId || !kinds.data) return undefined;
  return kinds.data.find((k) => k.id === kindId) ?? null;
}
