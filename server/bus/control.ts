import type { Bus } from './bus.ts';

/** Messages about people and access (not documents), fanned out to every node. */
export type ControlMessage =
  | { type: 'access-changed'; caseId: string; why: string }
  | { type: 'compartment-created'; caseId: string; docName: string }
  | { type: 'decisions-confirmed'; caseId: string; meetingId: string }
  | { type: 'session-ended'; sessionId: string };

const CHANNEL = 'control';

export function publishControl(bus: Bus, message: ControlMessage): Promise<void> {
  return bus.publish(CHANNEL, new TextEncoder().encode(JSON.stringify(message)));
}

export function subscribeControl(bus: Bus, handler: (message: ControlMessage) => void): Promise<() => Promise<void>> {
  return bus.subscribe(CHANNEL, (payload) => {
    let message: ControlMessage;
    try {
      message = JSON.parse(new TextDecoder().decode(payload)) as ControlMessage;
    } catch {
      console.error('[bus] unreadable control message');
      return;
    }
    handler(message);
  });
}
