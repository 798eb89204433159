// At most `max` holders at once; a caller beyond that is turned away at once rather than queued, so a
// burst of heavy requests cannot pile up memory and database connections behind the ones running.
export class ConcurrencyLimiter {
  private running = 0;

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) {
      throw new Error(`ConcurrencyLimiter needs a positive integer, got ${max}`);
    }
  }

  get active(): number {
    return this.running;
  }

  // Returns the release function, or null when every slot is taken. Releasing twice frees one slot.
  tryAcquire(): (() => void) | null {
    if (this.running >= this.max) {
      return null;
    }
    this.running += 1;
    let released = false;
    return () => {
      if (!released) {
        released = true;
        this.running -= 1;
      }
    };
  }
}
