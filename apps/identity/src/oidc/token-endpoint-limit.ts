import type { ThrottlerStorage } from '@nestjs/throttler';
import type { NextFunction, Request, Response } from 'express';

// The token endpoint is oidc-provider's, mounted ahead of Nest's routing, so the sign-in limit is
// applied here rather than by a guard. It counts the requests the endpoint refuses (a wrong client
// secret, a spent or guessed code or refresh token) per client address, with the same allowance and
// window as the other sign-in routes (RATE_LIMIT_SIGN_IN_PER_IP); once that is used up, every token
// request from the address gets 429 with Retry-After until the window ends. Successful exchanges do
// not count: the console's server refreshes everyone's tokens from one address.
export class TokenEndpointLimit {
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    private readonly storage: ThrottlerStorage,
    private readonly settings: { windowMs: number; limit: number },
    private readonly now: () => number = Date.now,
  ) {}

  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'POST' || req.path !== '/token') {
      next();
      return;
    }
    const key = `token-failures:${req.ip ?? ''}`;
    const until = this.blockedUntil.get(key) ?? 0;
    if (until > this.now()) {
      const seconds = Math.max(1, Math.ceil((until - this.now()) / 1000));
      res.setHeader('Retry-After', String(seconds));
      res.status(429).json({
        error: 'slow_down',
        error_description: `Too many refused token requests from this address; retry after ${seconds} s`,
      });
      return;
    }
    res.on('finish', () => {
      if (res.statusCode === 400 || res.statusCode === 401) {
        void this.countFailure(key);
      }
    });
    next();
  };

  private async countFailure(key: string): Promise<void> {
    const { windowMs, limit } = this.settings;
    const record = await this.storage.increment(key, windowMs, limit, windowMs, 'token-endpoint');
    if (record.totalHits >= limit) {
      this.blockedUntil.set(key, this.now() + record.timeToExpire * 1000);
    }
    for (const [k, until] of this.blockedUntil) {
      if (until <= this.now()) {
        this.blockedUntil.delete(k);
      }
    }
  }
}
