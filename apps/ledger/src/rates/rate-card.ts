// Millicredits per segment by ISO country, with a default for every other country. Millicredits
// allow fractional credit rates (0.5 credits = 500) while staying exact integers.
export interface RateCard {
  defaultMillicreditsPerSegment: number;
  rates: Record<string, number>;
}

export const DEFAULT_COUNTRY = 'ZZ';

export function rateFor(card: RateCard, country: string | null): number {
  return (country !== null ? card.rates[country] : undefined) ?? card.defaultMillicreditsPerSegment;
}

// Whole SMS (of one segment) the balance still pays for at a country's rate.
export function estimatedSmsLeft(
  card: RateCard,
  country: string | null,
  availableMillicredits: number,
): number {
  return Math.max(0, Math.floor(availableMillicredits / rateFor(card, country)));
}
