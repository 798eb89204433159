import { countryOfNumber, countSegments, type SmsSentEvent } from '@sms/contracts';
import type { InboundEvent, Rejection } from '@sms/messaging';
import { rateFor, type RateCard } from '../rates/rate-card';
import type { NewCharge } from './charge.repository';

// Prices a batch of sms.sent: segments (given by the gateway, or counted from the body), destination
// country and its rate from the card [PRODUCT: one credit pays one segment, priced per country].
// Messages for accounts the ledger does not know are rejected: accounts must exist to be charged.
export function priceBatch(input: {
  events: readonly InboundEvent<SmsSentEvent>[];
  knownAccounts: ReadonlySet<string>;
  card: RateCard;
}): { charges: NewCharge[]; rejected: Rejection[] } {
  const charges: NewCharge[] = [];
  const rejected: Rejection[] = [];
  for (const event of input.events) {
    const sms = event.payload;
    if (!input.knownAccounts.has(sms.accountId)) {
      rejected.push({ event, reason: `unknown account ${sms.accountId}` });
      continue;
    }
    const segments = sms.segments ?? countSegments(sms.body ?? '').segments;
    const country = countryOfNumber(sms.to);
    const rate = rateFor(input.card, country);
    charges.push({
      messageId: sms.messageId,
      accountId: sms.accountId,
      listId: sms.listId,
      campaignId: sms.campaignId,
      holdId: sms.holdId,
      to: sms.to,
      country,
      segments,
      rate,
      millicredits: segments * rate,
      sentAt: sms.sentAt,
    });
  }
  return { charges, rejected };
}
