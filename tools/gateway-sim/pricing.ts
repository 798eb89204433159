import type { OutgoingSms } from './message-factory';

// The ledger's rate card (GET /rate-card): millicredits per segment by country, with a default.
export interface RateCard {
  defaultMillicreditsPerSegment: number;
  rates: Record<string, number>;
}

export interface PricedSms extends OutgoingSms {
  millicredits: number;
}

export function price(card: RateCard, sms: OutgoingSms): PricedSms {
  const rate =
    (sms.country !== null ? card.rates[sms.country] : undefined) ?? card.defaultMillicreditsPerSegment;
  return { ...sms, millicredits: sms.segments * rate };
}

export function totalCost(messages: readonly { millicredits: number }[]): number {
  return messages.reduce((sum, sms) => sum + sms.millicredits, 0);
}

// The messages that go out under a grant: recipients keep their order, so the campaign sends the
// longest prefix whose cost fits in what the ledger granted, and stops at the first that does not.
export function fitToGrant<T extends { millicredits: number }>(
  messages: readonly T[],
  grantedMillicredits: number,
): { fit: T[]; rest: T[]; costMillicredits: number } {
  let cost = 0;
  let count = 0;
  while (count < messages.length && cost + messages[count].millicredits <= grantedMillicredits) {
    cost += messages[count].millicredits;
    count += 1;
  }
  return { fit: messages.slice(0, count), rest: messages.slice(count), costMillicredits: cost };
}
