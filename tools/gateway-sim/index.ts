export { runCampaign } from './campaign';
export type { CampaignOptions, CampaignProgress, CampaignReport } from './campaign';
export { countryOfNumber } from '@sms/contracts';
export { LedgerClient } from './ledger-client';
export { capParts, MAX_PARTS, MessageFactory } from './message-factory';
export type { OutgoingSms } from './message-factory';
export { fitToGrant, price, totalCost } from './pricing';
export type { PricedSms, RateCard } from './pricing';
export { seededRandom } from './random';
export { SmsSender } from './sms-sender';
export { TokenBucket } from './token-bucket';

export { describeReport, formatCredits, formatProgress } from './report-format';
