export interface RateCard {
  defaultMillicreditsPerSegment: number;
  rates: Record<string, number>;
  source: 'default' | 'ledger';
  occurredAt: string | null;
}

// Used until the ledger's first rate-card.updated arrives: one credit per segment everywhere, which is
// what the ledger charges for a country it has no rate for.
export const DEFAULT_RATE_CARD: RateCard = {
  defaultMillicreditsPerSegment: 1000,
  rates: {},
  source: 'default',
  occurredAt: null,
};

export interface SmsEstimate {
  country: string;
  millicreditsPerSegment: number;
  sms: number;
}

// How many single-segment SMS a number of credits buys per destination country [001][002].
export function smsPerCountry(card: RateCard, credits: number, countries: readonly string[]): SmsEstimate[] {
  return countries.map((country) => {
    const rate = card.rates[country] ?? card.defaultMillicreditsPerSegment;
    return { country, millicreditsPerSegment: rate, sms: Math.floor((credits * 1000) / rate) };
  });
}
