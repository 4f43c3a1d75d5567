/**
 * What travels between server nodes. With one node nothing does (LocalBus); with several, Redis
 * pub/sub carries document updates, awareness and access changes (RedisBus). Messages are bytes;
 * each carries the id of the node that sent it so a node ignores its own echo.
 */
export interface Bus {
  readonly nodeId: string;
  publish(channel: string, payload: Uint8Array): Promise<void>;
  /** Resolves once the subscription is active (so nothing published after it is missed). */
  subscribe(channel: string, handler: (payload: Uint8Array) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** A single node: there is nobody to tell. */
export class LocalBus implements Bus {
  readonly nodeId = 'local';
  async publish(): Promise<void> {}
  async subscribe(): Promise<() => Promise<void>> {
    return async () => {};
  }
  async close(): Promise<void> {}
}
