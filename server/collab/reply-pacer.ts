import type { TokenBucket } from './token-bucket.ts';

export interface PacedAnswers {
  /** Answer a sync step 1 with the state vector given (the latest one asked for). */
  step1(stateVector: Uint8Array): Promise<void>;
  /** Send every presence state of the room. */
  query(): void;
}

/**
 * A sync step 1 costs the server a diff against the whole document, an awareness query an
 * encoding of everybody's presence, and the answer can be thousands of times the question
 * (4 bytes in, the whole document out). Answers come at the bucket's rate; questions asked
 * meanwhile are coalesced into one pending answer each, so a flood of them costs one answer.
 */
export class ReplyPacer {
  private pendingStep1: Uint8Array | null = null;
  private pendingQuery = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(
    private readonly bucket: TokenBucket,
    private readonly answers: PacedAnswers,
    /** Deferred answers run through the connection's own ordered queue. */
    private readonly enqueue: (task: () => Promise<void>) => void,
  ) {}

  async step1(stateVector: Uint8Array): Promise<void> {
    if (this.timer === null && this.bucket.take()) return this.answers.step1(stateVector);
    this.pendingStep1 = stateVector;
    this.schedule();
  }

  query(): void {
    if (this.timer === null && this.bucket.take()) return this.answers.query();
    this.pendingQuery = true;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.timer !== null || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.enqueue(() => this.flush());
    }, Math.max(1, Math.min(this.bucket.waitMs(), 60_000)));
  }

  private async flush(): Promise<void> {
    if (this.stopped) return;
    if (this.pendingStep1 && this.bucket.take()) {
      const sv = this.pendingStep1;
      this.pendingStep1 = null;
      await this.answers.step1(sv);
    }
    if (this.pendingQuery && this.bucket.take()) {
      this.pendingQuery = false;
      this.answers.query();
    }
    if (this.pendingStep1 || this.pendingQuery) this.schedule();
  }
}
