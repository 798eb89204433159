import { deadLetterTopic, Topics } from './topics';
import { DEFAULT_SMS_SENT_PARTITIONS, partitionsFor } from './topic-partitions';

describe(partitionsFor.name, () => {
  const settings = { smsSent: 24, other: 2 };

  it('gives sms.sent its own partition count, so several ledger replicas can share it', () => {
    expect(partitionsFor(Topics.SmsSent, settings)).toBe(24);
  });

  it('gives every other topic and every dead-letter topic the default', () => {
    expect(partitionsFor(Topics.CreditsGranted, settings)).toBe(2);
    expect(partitionsFor(deadLetterTopic('ledger', Topics.SmsSent), settings)).toBe(2);
  });

  it('leaves room for more than a handful of ledger replicas by default', () => {
    expect(DEFAULT_SMS_SENT_PARTITIONS).toBeGreaterThanOrEqual(6);
  });
});
