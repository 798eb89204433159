import { retryWhileBrokerSettles } from './broker-settling-retry';

describe(retryWhileBrokerSettles.name, () => {
  it('tries again after a retryable failure, 500 ms later, and returns the result', async () => {
    const retries: number[] = [];
    let calls = 0;
    const started = Date.now();
    const result = await retryWhileBrokerSettles(
      { retryable: () => true, onRetry: (attempt) => retries.push(attempt) },
      () => (++calls < 2 ? Promise.reject(new Error('leader not available')) : Promise.resolve('created')),
    );
    expect({ result, calls, retries }).toEqual({ result: 'created', calls: 2, retries: [1] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
  });

  it('gives up at once on a failure that will not pass by itself', async () => {
    const fatal = new Error('topic authorization failed');
    let calls = 0;
    await expect(
      retryWhileBrokerSettles({ retryable: (error) => error !== fatal, onRetry: () => undefined }, () => {
        calls += 1;
        return Promise.reject(fatal);
      }),
    ).rejects.toBe(fatal);
    expect(calls).toBe(1);
  });
});
