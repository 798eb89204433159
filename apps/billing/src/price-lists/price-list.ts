// A currency's price list as billing sells it: the purchase step, the smallest purchase, the volume
// tiers and the fixed packs. Amounts are exact integers (credits, minor units per 1,000 credits).
export interface PriceTier {
  minCredits: number;
  pricePer1000Minor: number;
}

export interface PricePack {
  code: string;
  credits: number;
  priceMinor: number;
}

export interface PriceList {
  currency: string;
  purchaseStep: number;
  minCredits: number;
  tiers: PriceTier[];
  packs: PricePack[];
}
