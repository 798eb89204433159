// Billing's subscription as its routes answer it; the OpenAPI document does not describe the
// response body yet (the request side is typed from it).
export interface SubscriptionView {
  id: string;
  accountId: string;
  creditsPerPeriod: number;
  nextCreditsPerPeriod: number | null;
  paymentMethodId: string;
  status: 'active' | 'cancelled';
  currentPeriodStart: string;
  nextRenewalAt: string;
}
