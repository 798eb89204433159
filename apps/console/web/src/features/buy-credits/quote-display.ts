import type { PriceListView, QuoteView } from '../../api/views';
import {
  formatCount,
  formatCredits,
  formatWholeCredits,
  MILLICREDITS_PER_CREDIT,
} from '../../format/credits';
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
    quote.tier?.pricePer1000Minor ??
    Math.round((quote.amountMinor * 1000 * MILLICREDITS_PER_CREDIT) / Math.max(quote.amountMillicredits, 1));
  const tier =
    quote.pack !== null
      ? `Pack “${quote.pack}”`
      : quote.tier === null
        ? 'No volume tier'
        : quote.tier.maxMillicredits === null
          ? `${formatCredits(quote.tier.minMillicredits, locale)}+ credits`
          : `${formatCredits(quote.tier.minMillicredits, locale)}–${formatCredits(quote.tier.maxMillicredits, locale)} credits`;
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
    credits: formatCredits(quote.amountMillicredits, locale),
    total: formatMoney(quote.amountMinor, quote.currency, locale),
    pricePerCredit: formatPricePerCredit(pricePer1000, quote.currency, locale),
    tier,
    sms,
  };
}

type PurchaseGrid = Pick<PriceListView, 'minMillicredits' | 'purchaseStepMillicredits'>;

// The price list speaks millicredits; people choose whole credits.
export function purchaseGridInCredits(list: PurchaseGrid): { minCredits: number; purchaseStep: number } {
  return {
    minCredits: list.minMillicredits / MILLICREDITS_PER_CREDIT,
    purchaseStep: list.purchaseStepMillicredits / MILLICREDITS_PER_CREDIT,
  };
}

// Why a quantity of credits cannot be bought, in the words of the price list, or null when it can.
export function quantityProblem(credits: number, list: PurchaseGrid): string | null {
  const { minCredits, purchaseStep } = purchaseGridInCredits(list);
  if (!Number.isSafeInteger(credits) || credits <= 0) {
    return 'Enter a whole number of credits.';
  }
  if (credits < minCredits) {
    return `The smallest purchase is ${formatWholeCredits(minCredits)} credits.`;
  }
  if (credits % purchaseStep !== 0) {
    return `Credits are sold in steps of ${formatWholeCredits(purchaseStep)}.`;
  }
  return null;
}

// The quantity of credits one step up or down, kept on the grid of steps and never below the minimum.
export function stepQuantity(credits: number, direction: 1 | -1, list: PurchaseGrid): number {
  const { minCredits, purchaseStep } = purchaseGridInCredits(list);
  const onGrid = Math.floor(credits / purchaseStep) * purchaseStep;
  const next = direction === 1 ? onGrid + purchaseStep : onGrid === credits ? onGrid - purchaseStep : onGrid;
  return Math.max(minCredits, next);
}
