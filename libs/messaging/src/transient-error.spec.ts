import { isTransientError, TransientError } from './transient-error';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe(isTransientError.name, () => {
  it.each([
    ['an explicit TransientError', new TransientError('later')],
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a PostgreSQL shutdown', withCode('terminating connection due to administrator command', '57P01')],
    ['a serialization failure', withCode('could not serialize access', '40001')],
    ['a deadlock', withCode('deadlock detected', '40P01')],
    ['a retriable broker error', Object.assign(new Error('leader not available'), { retriable: true })],
    ['a wrapped connection error', new Error('query failed', { cause: withCode('reset', 'ECONNRESET') })],
  ])('retries %s', (_label, error) => {
    expect(isTransientError(error)).toBe(true);
  });

  it.each([
    ['a constraint violation', withCode('duplicate key value', '23505')],
    ['a programming error', new TypeError('x is undefined')],
    ['a thrown string', 'boom'],
  ])('does not retry %s', (_label, error) => {
    expect(isTransientError(error)).toBe(false);
  });
});
