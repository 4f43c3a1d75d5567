/**
 * Is the server reachable from here, now? A WebSocket on a dead network can stay "open" for tens
 * of seconds (y-websocket's own watchdog waits 30 s for silence), so the board also listens to the
 * browser's online/offline events and asks the server a cheap question every few seconds. When
 * the answer turns to "no", every open provider is told (see `onUnreachable`) so it drops its
 * socket at once and reconnects when it can: the indicator says オフライン within seconds, and
 * what was typed meanwhile is sent by the sync that follows the reconnect.
 */
export const HEARTBEAT_MS = 3000;
const HEARTBEAT_TIMEOUT_MS = 2500;

type Listener = (reachable: boolean) => void;

class ConnectionMonitor {
  private listeners = new Set<Listener>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private inFlight = false;
  private reachableNow = typeof navigator === 'undefined' ? true : navigator.onLine;

  get reachable(): boolean {
    return this.reachableNow;
  }

  /** Subscribes; the heartbeat runs only while someone listens (a board is open). */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  private start(): void {
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_MS);
    void this.beat();
  }

  private stop(): void {
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private onOnline = () => void this.beat();
  private onOffline = () => this.set(false);

  private async beat(): Promise<void> {
    if (this.inFlight) return;
    if (!navigator.onLine) return this.set(false);
    this.inFlight = true;
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), HEARTBEAT_TIMEOUT_MS);
    try {
      // Any answer from our server counts (a static file: no session, nothing logged).
      const response = await fetch('/favicon.svg', { method: 'HEAD', cache: 'no-store', signal: controller.signal });
      this.set(response.status < 500);
    } catch {
      this.set(false);
    } finally {
      clearTimeout(timeout);
      this.inFlight = false;
    }
  }

  private set(reachable: boolean): void {
    if (reachable === this.reachableNow) return;
    this.reachableNow = reachable;
    for (const listener of [...this.listeners]) listener(reachable);
  }
}

export const connectionMonitor = new ConnectionMonitor();
