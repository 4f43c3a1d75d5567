import { EventEmitter } from 'node:events';
import type { CaseEvent } from '../../shared/protocol/case-events.ts';

export type { CaseEvent } from '../../shared/protocol/case-events.ts';

/**
 * In-process notifications per case: open event streams (SSE) listen here and tell their client
 * to fetch its manifest again, so compartments gained appear without a reload.
 */
/** A key no case id can take (case ids never contain a space). */
const ANY_CASE = 'any case';

export class CaseEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open board; hundreds are normal, not a leak.
    this.emitter.setMaxListeners(0);
  }

  emit(event: CaseEvent): void {
    this.emitter.emit(event.caseId, event);
    this.emitter.emit(ANY_CASE, event);
  }

  /** Every case's events (the expiry watch re-plans its timer when consent is recorded). */
  subscribeAll(listener: (event: CaseEvent) => void): () => void {
    this.emitter.on(ANY_CASE, listener);
    return () => this.emitter.off(ANY_CASE, listener);
  }

  subscribe(caseId: string, listener: (event: CaseEvent) => void): () => void {
    this.emitter.on(caseId, listener);
    return () => this.emitter.off(caseId, listener);
  }

  /** A session ended (logout): its event streams close. Keys cannot clash with case ids (':'). */
  sessionEnded(sessionId: string): void {
    this.emitter.emit(`session:${sessionId}`);
  }

  onSessionEnded(sessionId: string, listener: () => void): () => void {
    this.emitter.on(`session:${sessionId}`, listener);
    return () => this.emitter.off(`session:${sessionId}`, listener);
  }
}
