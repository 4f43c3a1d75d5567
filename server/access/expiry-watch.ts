import type { Deps } from '../deps.ts';
import { loadConsents } from './load.ts';
import { effectiveConsent } from '../../shared/policy/consent-effective.ts';
import { accessChanged } from './access-changed.ts';

/**
 * Consent also ends by the calendar: a consent whose validity period runs out while people are
 * connected must take effect like a withdrawal. Every tick, for each case with open connections,
 * the effective consent statuses are compared with the previous tick; a change re-evaluates the
 * case. (Cheap: only cases with live connections, one query each.)
 */
export function startExpiryWatch(deps: Deps, intervalMs = 60_000, now: () => Date = () => new Date()): { stop(): void; tick(): Promise<void> } {
  const previous = new Map<string, string>();

  async function tick(): Promise<void> {
    const open = new Set((await deps.rooms.connectionsWhere(() => true)).map((c) => c.caseId));
    for (const caseId of previous.keys()) if (!open.has(caseId)) previous.delete(caseId);
    const at = now().toISOString();
    for (const caseId of open) {
      const consents = await loadConsents(deps.db, caseId);
      const fingerprint = Object.keys(consents)
        .sort()
        .map((personId) => `${personId}=${effectiveConsent(consents[personId], at)}`)
        .join(',');
      const before = previous.get(caseId);
      previous.set(caseId, fingerprint);
      if (before !== undefined && before !== fingerprint) await accessChanged(deps, caseId, 'consent_expired');
    }
  }

  const timer = setInterval(() => {
    tick().catch((error) => console.error('[expiry] check failed:', error));
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), tick };
}
