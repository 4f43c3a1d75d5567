/**
 * A meeting kind's configured agenda templates (meeting_kinds.agenda_json): item texts per moment,
 * '' for any moment. Unreadable JSON counts as none, so the built-in template applies.
 */
export function parseAgenda(json: string | null | undefined): Record<string, string[]> {
  if (!json) return {};
  try {
    const value = JSON.parse(json) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    const out: Record<string, string[]> = {};
    for (const [moment, items] of Object.entries(value)) {
      if (Array.isArray(items)) out[moment] = items.filter((i): i is string => typeof i === 'string');
    }
    return out;
  } catch {
    return {};
  }
}
