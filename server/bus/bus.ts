import type { ControlMessage } from '../../shared/protocol/control-events.ts';
import type { SharedBudget } from './shared-budget.ts';

/**
 * What travels between server nodes. With one node nothing does (LocalBus); with several, Redis
 * pub/sub carries document updates and awareness (RedisBus), and control events travel through a
 * durable log that pub/sub only nudges (control-log.ts). Messages are bytes; each carries the id of
 * the node that sent it so a node ignores its own echo.
 *
 * Pub/sub is best effort: a message published while a node is disconnected is gone. What must not
 * be lost is therefore never carried by pub/sub alone: document updates are stored before they are
 * published (a node that missed some re-reads the store on `onResumed`), control events are
 * stored in the control log.
 */
export interface Bus {
  readonly nodeId: string;
  publish(channel: string, payload: Uint8Array): Promise<void>;
  /** Resolves once the subscription is active (so nothing published after it is missed). */
  subscribe(channel: string, handler: (payload: Uint8Array) => void): Promise<() => Promise<void>>;
  /** Control events for every node (see publishControl/subscribeControl in control.ts). */
  readonly control: ControlTransport;
  /**
   * Rate budgets of a person shared by every node (null with one node: its own buckets are all
   * there is). See shared-budget.ts.
   */
  readonly budget: SharedBudget | null;
  /** Whether messages can travel right now (for /api/health and the logs). */
  health(): BusHealth;
  /**
   * Called each time the bus is back after an interruption, once its subscriptions are active
   * again: whatever was published meanwhile was lost, and must be recovered from the stores.
   */
  onResumed(listener: () => void): () => void;
  close(): Promise<void>;
}

export interface BusHealth {
  kind: 'local' | 'redis';
  reachable: boolean;
  /** ISO time of the last change of `reachable` (null: never changed since start). */
  since: string | null;
}

/** How control events reach the other nodes. */
export interface ControlTransport {
  publish(message: ControlMessage): Promise<void>;
  /** The handler hears messages from OTHER nodes (the publisher has acted on its own). */
  subscribe(handler: (message: ControlMessage) => void): Promise<() => Promise<void>>;
  /**
   * False while this node cannot be sure it has heard every control event (it cannot read the
   * log): it must not serve documents then, since an access change may have passed it by.
   */
  readonly certain: boolean;
  /** Called when `certain` turns false. */
  onUncertain(listener: () => void): () => void;
  health(): ControlHealth;
  close(): Promise<void>;
}

export interface ControlHealth {
  durable: boolean;
  certain: boolean;
  /** Highest control event id this node has handled (durable transports). */
  position: number | null;
}

/** A single node: there is nobody to tell, and nothing can be missed. */
export class LocalControl implements ControlTransport {
  readonly certain = true;
  async publish(): Promise<void> {}
  async subscribe(): Promise<() => Promise<void>> {
    return async () => {};
  }
  onUncertain(): () => void {
    return () => {};
  }
  health(): ControlHealth {
    return { durable: false, certain: true, position: null };
  }
  async close(): Promise<void> {}
}

/** A single node: there is nobody to tell. */
export class LocalBus implements Bus {
  readonly nodeId: string = 'local';
  readonly control: ControlTransport = new LocalControl();
  readonly budget = null;
  async publish(): Promise<void> {}
  async subscribe(): Promise<() => Promise<void>> {
    return async () => {};
  }
  health(): BusHealth {
    return { kind: 'local', reachable: true, since: null };
  }
  onResumed(): () => void {
    return () => {};
  }
  async close(): Promise<void> {}
}
