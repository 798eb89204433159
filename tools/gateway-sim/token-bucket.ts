// Paces sending at a chosen rate: tokens refill continuously up to one second's worth, and a caller
// waits until the tokens it asks for are there.
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly now: () => number = () => Date.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((done) => setTimeout(done, ms)),
  ) {
    if (!(ratePerSecond > 0)) {
      throw new Error('rate must be positive');
    }
    this.tokens = 0;
    this.last = this.now();
  }

  // Waits until `wanted` tokens (at most one second's worth) are there and takes them; resolves with
  // how many were taken.
  async take(wanted: number): Promise<number> {
    const capacity = Math.max(1, this.ratePerSecond);
    const need = Math.max(1, Math.min(Math.floor(wanted), Math.floor(capacity)));
    for (;;) {
      this.refill(capacity);
      if (this.tokens >= need) {
        this.tokens -= need;
        return need;
      }
      await this.sleep(Math.max(1, Math.ceil(((need - this.tokens) * 1000) / this.ratePerSecond)));
    }
  }

  private refill(capacity: number): void {
    const now = this.now();
    this.tokens = Math.min(capacity, this.tokens + ((now - this.last) * this.ratePerSecond) / 1000);
    this.last = now;
  }
}
