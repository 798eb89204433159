import type { RateCard } from './pricing';

export interface PlacedHold {
  holdId: string;
  requestedMillicredits: number;
  grantedMillicredits: number;
}

export interface HoldState {
  id: string;
  grantedMillicredits: number;
  remainingMillicredits: number;
  status: 'open' | 'released' | 'expired';
}

export class LedgerHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

// The ledger's HTTP API as the gateway uses it: the rate card and holds. Network errors and 5xx
// answers are retried for a while, so a ledger restart pauses a campaign instead of ending it.
export class LedgerClient {
  constructor(
    private readonly baseUrl: string,
    // A fixed bearer token, or where to get a current one (short-lived machine tokens).
    private readonly token: string | (() => Promise<string>),
    private readonly retryForMs = 60_000,
  ) {}

  rateCard(): Promise<RateCard> {
    return this.call<RateCard>('GET', '/rate-card');
  }

  placeHold(options: {
    accountId: string;
    requestedMillicredits: number;
    ttlSeconds: number;
    listId?: string;
  }): Promise<PlacedHold> {
    return this.call<PlacedHold>('POST', `/accounts/${encodeURIComponent(options.accountId)}/holds`, {
      requestedMillicredits: options.requestedMillicredits,
      ttlSeconds: options.ttlSeconds,
      ...(options.listId !== undefined ? { listId: options.listId } : {}),
    });
  }

  hold(accountId: string, holdId: string): Promise<HoldState> {
    return this.call<HoldState>('GET', `/accounts/${encodeURIComponent(accountId)}/holds/${holdId}`);
  }

  release(accountId: string, holdId: string): Promise<HoldState> {
    return this.call<HoldState>('POST', `/accounts/${encodeURIComponent(accountId)}/holds/${holdId}/release`);
  }

  private async call<T>(method: string, path: string, body?: object): Promise<T> {
    const deadline = Date.now() + this.retryForMs;
    for (let attempt = 1; ; attempt += 1) {
      let failure: Error;
      try {
        const response = await fetch(`${this.baseUrl}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${typeof this.token === 'string' ? this.token : await this.token()}`,
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          body: body !== undefined ? JSON.stringify(body) : undefined,
          signal: AbortSignal.timeout(15_000),
        });
        const text = await response.text();
        if (response.ok) {
          return JSON.parse(text) as T;
        }
        failure = new LedgerHttpError(
          response.status,
          `${method} ${path}: ${response.status} ${text.slice(0, 300)}`,
        );
        if (response.status < 500) {
          throw failure;
        }
      } catch (error) {
        if (error instanceof LedgerHttpError && error.status < 500) {
          throw error;
        }
        failure = error instanceof Error ? error : new Error(String(error));
      }
      if (Date.now() > deadline) {
        throw failure;
      }
      await new Promise((done) => setTimeout(done, Math.min(2_000, 100 * 2 ** attempt)));
    }
  }
}
