import type { Deps } from '../deps.ts';
import type { ConsentState, ConsentScopeEntry } from '../../shared/domain/consent.ts';
import { validityEndsAt } from '../../shared/policy/consent-effective.ts';
import { narrow } from './narrowing.ts';
import { sweepConnections } from './sweep.ts';

/** setTimeout's longest delay (~24.8 days); a later expiry is re-planned when the timer fires. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export interface ExpiryWatch {
  stop(): void;
  /** One safety-net pass now: re-plans the timer and re-decides every open connection. */
  tick(): Promise<void>;
  /** When the next expiry is planned (epoch ms), for tests and the health view; null if none. */
  nextAt(): number | null;
}

/**
 * Consent ends by the calendar: a validity period ends at 24:00 Japan time on its last day, and
 * the sockets that depended on it close at that moment (issue 8 rule 9). The watch keeps ONE timer
 * set to the next end of any granted consent of any case, and at that instant raises
 * 'consent_expired' for the cases concerned (narrowing.ts closes the sockets). The timer is
 * re-planned whenever access changes in any case (a consent was recorded) and at every periodic
 * tick; the periodic tick also sweeps every open connection (sweep.ts) as a safety net.
 */
export function startExpiryWatch(deps: Deps, intervalMs = 60_000, now: () => Date = () => new Date()): ExpiryWatch {
  let timer: NodeJS.Timeout | null = null;
  let planned: number | null = null;
  let stopped = false;

  async function plan(): Promise<void> {
    if (stopped) return;
    const ends = await upcomingEnds(deps, now().getTime());
    const next = ends.length > 0 ? ends[0]!.at : null;
    if (timer) clearTimeout(timer);
    timer = null;
    planned = next;
    if (next === null) return;
    const delay = Math.min(Math.max(next - now().getTime(), 0), MAX_DELAY_MS);
    timer = setTimeout(() => void fire(next), delay);
    timer.unref();
  }

  async function fire(target: number): Promise<void> {
    timer = null;
    // A timer may wake a little early, or after a long delay was capped: wait for the instant.
    if (now().getTime() < target) return void plan().catch(report);
    const due = (await upcomingEnds(deps, target - 1)).filter((e) => e.at <= now().getTime());
    for (const caseId of new Set(due.map((e) => e.caseId))) {
      await narrow(deps, { type: 'consent_expired', caseId }).catch(report);
    }
    await plan().catch(report);
  }

  async function tick(): Promise<void> {
    // The sweep runs even when planning fails: it is the net under everything else.
    await plan().catch(report);
    await sweepConnections(deps);
  }

  const unsubscribe = deps.events.subscribeAll((event) => {
    if (event.type === 'access-changed') void plan().catch(report);
  });
  const interval = setInterval(() => void tick().catch(report), intervalMs);
  interval.unref();
  void plan().catch(report);

  return {
    stop() {
      stopped = true;
      clearInterval(interval);
      if (timer) clearTimeout(timer);
      unsubscribe();
    },
    tick,
    nextAt: () => planned,
  };
}

function report(error: unknown): void {
  console.error('[expiry] check failed:', error);
}

/**
 * Ends of the current consent of every person of every case that are still ahead of `after`,
 * soonest first. Only the newest record of each person counts (loadConsents does the same).
 */
async function upcomingEnds(deps: Deps, after: number): Promise<{ caseId: string; at: number }[]> {
  const rows = await deps.db
    .selectFrom('consent_records')
    .select(['id', 'case_id', 'person_id', 'status', 'valid_from', 'valid_until'])
    .orderBy('id')
    .execute();
  const current = new Map<string, { caseId: string; state: ConsentState }>();
  for (const r of rows) {
    current.set(`${r.case_id}|${r.person_id}`, {
      caseId: r.case_id,
      state: {
        personId: r.person_id,
        status: r.status as ConsentState['status'],
        validFrom: r.valid_from,
        validUntil: r.valid_until,
        scope: [] as ConsentScopeEntry[],
      },
    });
  }
  const ends: { caseId: string; at: number }[] = [];
  for (const { caseId, state } of current.values()) {
    const at = validityEndsAt(state);
    if (at !== null && at > after) ends.push({ caseId, at });
  }
  return ends.sort((a, b) => a.at - b.at);
}
