import { countSegments } from '@sms/contracts';
import { capParts, MAX_PARTS, MessageFactory } from './message-factory';
import { seededRandom } from './random';

const campaign = (seed: number, count: number) => {
  const factory = new MessageFactory(seededRandom(seed), 'cmp_test');
  return Array.from({ length: count }, (_, index) => factory.message(index));
};

describe(MessageFactory.name, () => {
  const messages = campaign(42, 2000);

  it('gives every message of a campaign its own id', () => {
    expect(new Set(messages.map((sms) => sms.messageId)).size).toBe(messages.length);
    expect(messages[7].messageId).toBe('cmp_test:7');
  });

  it('mixes GSM-7 and UCS-2 bodies of one to three segments', () => {
    const encodings = new Set(messages.map((sms) => sms.encoding));
    const segments = new Set(messages.map((sms) => sms.segments));
    expect(encodings).toEqual(new Set(['gsm7', 'ucs2']));
    expect(segments).toEqual(new Set([1, 2, 3]));
    expect(messages.some((sms) => /\p{Extended_Pictographic}/u.test(sms.body))).toBe(true);
    expect(messages.some((sms) => sms.encoding === 'gsm7' && /[èàù]/.test(sms.body))).toBe(true);
  });

  it('counts segments exactly as the sms.sent contract does', () => {
    for (const sms of messages) {
      expect(countSegments(sms.body).segments).toBe(sms.segments);
    }
  });

  it('sends to numbers of several countries that the ledger resolves', () => {
    const countries = new Set(messages.map((sms) => sms.country));
    for (const country of ['IT', 'GB', 'DE', 'US', 'FR']) {
      expect(countries).toContain(country);
    }
    expect(countries).not.toContain(null);
    expect(messages.every((sms) => /^\+[1-9]\d{5,15}$/.test(sms.to))).toBe(true);
  });

  it('generates the same campaign again from the same seed', () => {
    expect(campaign(42, 50)).toEqual(messages.slice(0, 50));
    expect(campaign(43, 50)).not.toEqual(messages.slice(0, 50));
  });
});

describe(capParts.name, () => {
  it('trims a message that would need more than three parts at a word boundary', () => {
    const long = 'word '.repeat(200).trim();
    const capped = capParts(long);
    expect(countSegments(capped).segments).toBe(MAX_PARTS);
    expect(capped.endsWith('word')).toBe(true);
  });

  it('leaves a message that fits untouched', () => {
    expect(capParts('Ciao 😀')).toBe('Ciao 😀');
  });
});
