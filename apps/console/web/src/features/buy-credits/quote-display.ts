import type { PriceListView, QuoteView } from '../../api/views';
import { formatCount, formatWholeCredits } from '../../format/credits';
import { formatMoney, formatPricePerCredit } from '../../format/money';

export interface QuoteDisplay {
  credits: string;
  total: string;
  pricePerCredit: string;
  tier: string;
  sms: { country: string; sms: string; home: boolean }[];
}

// What the live quote shows: the tier reached, the price of one credit, the total, and how many SMS
// the credits buy in each destination, home country first.
export function displayQuote(quote: QuoteView, locale?: string): QuoteDisplay {
  const pricePer1000 =
    quote.tier?.pricePer1000Minor ?? Math.round((quote.amountMinor * 1000) / Math.max(quote.credits, 1));
  const tier =
    quote.pack !== null
      ? `Pack “${quote.pack}”`
      : quote.tier === null
        ? 'No volume tier'
        : quote.tier.maxCredits === null
          ? `${formatWholeCredits(quote.tier.minCredits, locale)}+ credits`
          : `${formatWholeCredits(quote.tier.minCredits, locale)}–${formatWholeCredits(quote.tier.maxCredits, locale)} credits`;
  const sms = [...quote.smsPerCountry]
    .sort((a, b) => {
      if (a.country === quote.homeCountry) {
        return -1;
      }
      if (b.country === quote.homeCountry) {
        return 1;
      }
      return a.country.localeCompare(b.country);
    })
    .map((row) => ({
      country: row.country,
      sms: formatCount(row.sms, locale),
      home: row.country === quote.homeCountry,
    }));
  return {
    credits: formatWholeCredits(quote.credits, locale),
    total: formatMoney(quote.amountMinor, quote.currency, locale),
    pricePerCredit: formatPricePerCredit(pricePer1000, quote.currency, locale),
    tier,
    sms,
  };
}

// Why a quantity cannot be bought, in the words of the price list, or null when it can.
export function quantityProblem(
  credits: number,
  list: Pick<PriceListView, 'minCredits' | 'purchaseStep'>,
): string | null {
  if (!Number.isSafeInteger(credits) || credits <= 0) {
    return 'Enter a whole number of credits.';
  }
  if (credits < list.minCredits) {
    return `The smallest purchase is ${formatWholeCredits(list.minCredits)} credits.`;
  }
  if (credits % list.purchaseStep !== 0) {
    return `Credits are sold in steps of ${formatWholeCredits(list.purchaseStep)}.`;
  }
  return null;
}

// The quantity one step up or down, kept on the grid of steps and never below the minimum.
export function stepQuantity(
  credits: number,
  direction: 1 | -1,
  list: Pick<PriceListView, 'minCredits' | 'purchaseStep'>,
): number {
  const onGrid = Math.floor(credits / list.purchaseStep) * list.purchaseStep;
  const next =
    direction === 1 ? onGrid + list.purchaseStep : onGrid === credits ? onGrid - list.purchaseStep : onGrid;
  return Math.max(list.minCredits, next);
}
