import type { Bus } from './bus.ts';
import type { ControlMessage } from '../../shared/protocol/control-events.ts';

/** Messages about people and access (not documents), defined in shared/protocol/. */
export type { ControlMessage } from '../../shared/protocol/control-events.ts';

/**
 * Tell every other node. On a cluster the message is first written to the durable control log
 * (control-log.ts), so a node that is cut off from Redis reads it when it can; resolves once it
 * is stored. Callers act on their own node themselves.
 */
export function publishControl(bus: Bus, message: ControlMessage): Promise<void> {
  return bus.control.publish(message);
}

/** Hear every other node's control messages, each exactly once, in the order they were stored. */
export function subscribeControl(bus: Bus, handler: (message: ControlMessage) => void): Promise<() => Promise<void>> {
  return bus.control.subscribe(handler);
}
