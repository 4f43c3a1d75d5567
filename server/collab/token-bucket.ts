/**
 * A token bucket: `burst` tokens at most, refilled continuously at `perSecond`. take(n) spends n
 * tokens if there are that many. Generous bursts let a typist or a joining client through; the
 * refill rate is what a flood runs into. The clock is injectable so the arithmetic is testable.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  take(n = 1): boolean {
    this.refill();
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }

  /** Milliseconds until n tokens are available (0 if they are now). */
  waitMs(n = 1): number {
    this.refill();
    if (this.tokens >= n) return 0;
    if (this.perSecond <= 0) return Number.POSITIVE_INFINITY;
    return Math.ceil(((n - this.tokens) / this.perSecond) * 1000);
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }
}
