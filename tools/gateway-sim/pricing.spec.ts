import { fitToGrant, price, totalCost } from './pricing';
import type { OutgoingSms } from './message-factory';

const sms = (overrides: Partial<OutgoingSms> = {}): OutgoingSms => ({
  messageId: 'cmp:1',
  to: '+393471234567',
  country: 'IT',
  body: 'hello',
  encoding: 'gsm7',
  segments: 1,
  ...overrides,
});

const card = { defaultMillicreditsPerSegment: 1000, rates: { IT: 800, GB: 1250 } };

describe(price.name, () => {
  it('charges segments times the destination rate', () => {
    expect(price(card, sms({ country: 'GB', segments: 3 })).millicredits).toBe(3750);
  });

  it('uses the default rate for a country without its own', () => {
    expect(price(card, sms({ country: 'BR', segments: 2 })).millicredits).toBe(2000);
    expect(price(card, sms({ country: null })).millicredits).toBe(1000);
  });
});

describe(fitToGrant.name, () => {
  const messages = [700, 1200, 500, 900].map((millicredits, i) => ({ id: i, millicredits }));

  it('sends everything when the whole cost is granted', () => {
    const result = fitToGrant(messages, totalCost(messages));
    expect(result.fit).toHaveLength(4);
    expect(result.rest).toHaveLength(0);
    expect(result.costMillicredits).toBe(3300);
  });

  it('sends the longest prefix that fits when part is granted', () => {
    const result = fitToGrant(messages, 2400);
    expect(result.fit.map((m) => m.id)).toEqual([0, 1, 2]);
    expect(result.rest.map((m) => m.id)).toEqual([3]);
    expect(result.costMillicredits).toBe(2400);
  });

  it('keeps recipient order: stops at the first message that does not fit, even if a later one would', () => {
    const result = fitToGrant(messages, 1000);
    expect(result.fit.map((m) => m.id)).toEqual([0]);
    expect(result.costMillicredits).toBe(700);
  });

  it('sends nothing when nothing is granted', () => {
    expect(fitToGrant(messages, 0)).toEqual({ fit: [], rest: messages, costMillicredits: 0 });
  });
});
