import { classifySendFailure, retryDelayMs } from './smtp-failure';

const smtpError = (fields: Record<string, unknown>): Error => Object.assign(new Error('send failed'), fields);

describe(classifySendFailure.name, () => {
  it('retries a 4xx reply such as 421 service unavailable', () => {
    const failure = classifySendFailure(
      smtpError({ code: 'EENVELOPE', responseCode: 421, response: '421 try again later' }),
    );
    expect(failure).toEqual({ permanent: false, reason: 'EENVELOPE 421 421 try again later' });
  });

  it('gives up on a 5xx reply such as 550 mailbox unavailable', () => {
    expect(classifySendFailure(smtpError({ code: 'EENVELOPE', responseCode: 550 })).permanent).toBe(true);
  });

  it('retries when the server cannot be reached', () => {
    expect(classifySendFailure(smtpError({ code: 'ECONNECTION' })).permanent).toBe(false);
    expect(classifySendFailure(smtpError({ code: 'ETIMEDOUT' })).permanent).toBe(false);
  });

  it('gives up on a malformed message that no retry can fix', () => {
    expect(classifySendFailure(smtpError({ code: 'EMESSAGE' })).permanent).toBe(true);
  });
});

describe(retryDelayMs.name, () => {
  it('doubles the delay with each attempt up to the cap', () => {
    const delays = [1, 2, 3, 10].map((attempt) =>
      retryDelayMs({ attempt, baseMs: 1000, maxMs: 5000, random: () => 0.5 }),
    );
    expect(delays).toEqual([1000, 2000, 4000, 5000]);
  });

  it('spreads retries by at most 20% either way', () => {
    expect(retryDelayMs({ attempt: 1, baseMs: 1000, maxMs: 5000, random: () => 0 })).toBe(800);
    expect(retryDelayMs({ attempt: 1, baseMs: 1000, maxMs: 5000, random: () => 1 })).toBe(1200);
  });
});
