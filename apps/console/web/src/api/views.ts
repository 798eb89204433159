import type { components as BillingComponents } from './openapi/billing';
import type { components as LedgerComponents } from './openapi/ledger';

// Names for the response shapes the pages pass around, taken from the types generated from the
// services' OpenAPI documents (`npm run openapi`): a field renamed in a service fails the build here.
type BillingSchemas = BillingComponents['schemas'];
type LedgerSchemas = LedgerComponents['schemas'];

export type AutoTopUpView = BillingSchemas['AutoTopUpResponse'];
// A listed order carries no bank details or timeline; an order read on its own carries both.
export type OrderView = BillingSchemas['OrderResponse'] &
  Partial<Pick<BillingSchemas['OrderDetailsResponse'], 'bankTransfer' | 'timeline'>>;
export type PriceListView = BillingSchemas['PriceListResponse'];
export type QuoteView = BillingSchemas['QuoteResponse'];
export type UsageBucketView = LedgerSchemas['UsageBucketResponse'];
