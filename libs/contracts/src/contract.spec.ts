import { decodeEvent } from './contract';
import { SmsSent } from './events';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value));

const smsSent = (overrides: Record<string, unknown> = {}) => ({
  schemaVersion: 1,
  messageId: 'msg-1',
  accountId: 'acc_1',
  to: '+393471234567',
  segments: 2,
  sentAt: '2026-11-21T10:00:00Z',
  ...overrides,
});

describe(decodeEvent.name, () => {
  it('accepts a valid sms.sent and types it', () => {
    const result = decodeEvent(SmsSent, encode(smsSent()));
    expect(result).toEqual({ ok: true, payload: smsSent() });
  });

  it.each([
    ['bad JSON', Buffer.from('{"schemaVersion":'), /^invalid JSON/],
    ['an empty value', null, /empty message value/],
    ['a JSON array', encode([1, 2]), /must be a JSON object/],
    [
      'an unknown schema version',
      encode(smsSent({ schemaVersion: 2 })),
      /unsupported schemaVersion 2 for sms.sent/,
    ],
    [
      'a missing schema version',
      encode({ ...smsSent(), schemaVersion: undefined }),
      /unsupported schemaVersion missing/,
    ],
    ['negative segments', encode(smsSent({ segments: -3 })), /segments: .*>=1/],
    ['a huge segment count', encode(smsSent({ segments: 1e9 })), /segments: .*<=255/],
    ['segments as a string', encode(smsSent({ segments: '2' })), /segments: .*expected number/],
    ['both segments and body', encode(smsSent({ body: 'hi' })), /exactly one of segments or body/],
    ['an over-long message id', encode(smsSent({ messageId: 'x'.repeat(500) })), /messageId: .*<=128/],
    [
      'SQL-looking text in an id',
      encode(smsSent({ accountId: "acc'; drop table x;--" })),
      /accountId: may contain only/,
    ],
    ['a malformed number', encode(smsSent({ to: 'call me' })), /to: must be an international phone number/],
  ])('rejects %s with a reason', (_label, raw, reason) => {
    const result = decodeEvent(SmsSent, raw);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });
});
