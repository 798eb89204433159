import type { CreditSourceName, ExpiryRuleValue } from '@sms/contracts';
import type { OrderKind } from '../orders/order';

// What the ledger is told about each kind of purchase. Bought credits follow the account's validity
// (90 days or 2 years, configured on the ledger account [002][004]); a subscription's allocation never
// expires.
export function grantTerms(kind: OrderKind): { source: CreditSourceName; expiry: ExpiryRuleValue } {
  switch (kind) {
    case 'one_time':
      return { source: 'purchase', expiry: { kind: 'account_default' } };
    case 'auto_topup':
      return { source: 'auto_topup', expiry: { kind: 'account_default' } };
    case 'subscription':
      return { source: 'subscription', expiry: { kind: 'never' } };
  }
}
