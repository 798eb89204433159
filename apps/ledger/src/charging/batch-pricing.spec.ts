import type { SmsSentEvent } from '@sms/contracts';
import type { InboundEvent } from '@sms/messaging';
import { priceBatch } from './batch-pricing';

const card = { defaultMillicreditsPerSegment: 1000, rates: { IT: 1500, FR: 500 } };

function event(
  payload: Partial<SmsSentEvent> & { messageId: string },
  offset = 0,
): InboundEvent<SmsSentEvent> {
  return {
    payload: {
      schemaVersion: 1,
      accountId: 'acc_a',
      to: '+393471234567',
      sentAt: '2026-01-01T00:00:00.000Z',
      ...payload,
    },
    key: payload.accountId ?? 'acc_a',
    topic: 'sms.sent',
    partition: 0,
    offset: String(offset),
    timestamp: '0',
  };
}

describe(priceBatch.name, () => {
  it('prices each segment at the rate of the destination country', () => {
    const { charges } = priceBatch({
      events: [
        event({ messageId: 'm1', segments: 2, to: '+393471234567' }),
        event({ messageId: 'm2', segments: 3, to: '+33612345678' }),
      ],
      knownAccounts: new Set(['acc_a']),
      card,
    });
    expect(charges.map((c) => [c.messageId, c.country, c.rate, c.millicredits])).toEqual([
      ['m1', 'IT', 1500, 3000],
      ['m2', 'FR', 500, 1500],
    ]);
  });

  it('uses the default rate for a country the card does not list', () => {
    const { charges } = priceBatch({
      events: [event({ messageId: 'm1', segments: 1, to: '+4915112345678' })],
      knownAccounts: new Set(['acc_a']),
      card,
    });
    expect(charges[0]).toMatchObject({ country: 'DE', rate: 1000, millicredits: 1000 });
  });

  it('counts segments from the body when the gateway does not give them', () => {
    const { charges } = priceBatch({
      events: [
        event({ messageId: 'gsm', body: 'x'.repeat(161), to: '+393471234567' }),
        event({ messageId: 'ucs', body: '😀'.repeat(36), to: '+393471234567' }),
      ],
      knownAccounts: new Set(['acc_a']),
      card,
    });
    expect(charges.map((c) => [c.messageId, c.segments, c.millicredits])).toEqual([
      ['gsm', 2, 3000],
      ['ucs', 2, 3000],
    ]);
  });

  it('rejects the messages of unknown accounts and prices the rest', () => {
    const stranger = event({ messageId: 'm2', accountId: 'acc_unknown', segments: 1 });
    const { charges, rejected } = priceBatch({
      events: [event({ messageId: 'm1', segments: 1 }), stranger],
      knownAccounts: new Set(['acc_a']),
      card,
    });
    expect(charges.map((c) => c.messageId)).toEqual(['m1']);
    expect(rejected).toEqual([{ event: stranger, reason: 'unknown account acc_unknown' }]);
  });

  it('keeps list, campaign and hold so the charge can be settled and reported', () => {
    const { charges } = priceBatch({
      events: [event({ messageId: 'm1', segments: 1, listId: 'l1', campaignId: 'c1', holdId: 'h1' })],
      knownAccounts: new Set(['acc_a']),
      card,
    });
    expect(charges[0]).toMatchObject({ listId: 'l1', campaignId: 'c1', holdId: 'h1', accountId: 'acc_a' });
  });
});
