import type { QuoteView } from '../../api/views';
import { displayQuote, quantityProblem, stepQuantity } from './quote-display';

const quote = (overrides: Partial<QuoteView> = {}): QuoteView => ({
  currency: 'EUR',
  amountMillicredits: 100_000_000,
  amountMinor: 85_000,
  tier: { minMillicredits: 100_000_000, maxMillicredits: 499_999_000, pricePer1000Minor: 850 },
  pack: null,
  purchaseStepMillicredits: 1_000_000,
  homeCountry: 'IT',
  rateCardSource: 'ledger',
  smsPerCountry: [
    { country: 'US', millicreditsPerSegment: 800, sms: 125_000 },
    { country: 'IT', millicreditsPerSegment: 1_000, sms: 100_000 },
    { country: 'DE', millicreditsPerSegment: 1_200, sms: 83_333 },
  ],
  ...overrides,
});

describe(displayQuote.name, () => {
  it('shows the tier, the price of one credit, the total and SMS per country with home first', () => {
    expect(displayQuote(quote(), 'en-US')).toEqual({
      credits: '100,000',
      total: '€850.00',
      pricePerCredit: '€0.0085',
      tier: '100,000–499,999 credits',
      sms: [
        { country: 'IT', sms: '100,000', home: true },
        { country: 'DE', sms: '83,333', home: false },
        { country: 'US', sms: '125,000', home: false },
      ],
    });
  });

  it('names an open-ended top tier and a pack', () => {
    expect(
      displayQuote(
        quote({ tier: { minMillicredits: 1_000_000_000, maxMillicredits: null, pricePer1000Minor: 700 } }),
        'en-US',
      ).tier,
    ).toBe('1,000,000+ credits');
    const pack = displayQuote(
      quote({ tier: null, pack: 'starter', amountMillicredits: 10_000_000, amountMinor: 10_000 }),
      'en-US',
    );
    expect(pack.tier).toBe('Pack “starter”');
    expect(pack.pricePerCredit).toBe('€0.01');
  });
});

describe(quantityProblem.name, () => {
  const list = { minMillicredits: 1_000_000, purchaseStepMillicredits: 1_000_000 };

  it('accepts a multiple of the step at or above the minimum', () => {
    expect(quantityProblem(10_000, list)).toBeNull();
  });

  it('explains what is wrong otherwise', () => {
    expect(quantityProblem(500, list)).toMatch(/smallest purchase is 1,000/);
    expect(quantityProblem(1_500, list)).toMatch(/steps of 1,000/);
    expect(quantityProblem(Number.NaN, list)).toMatch(/whole number/);
  });
});

describe(stepQuantity.name, () => {
  const list = { minMillicredits: 5_000_000, purchaseStepMillicredits: 1_000_000 };

  it('moves one step along the grid and never below the minimum', () => {
    expect(stepQuantity(10_000, 1, list)).toBe(11_000);
    expect(stepQuantity(10_000, -1, list)).toBe(9_000);
    expect(stepQuantity(10_500, -1, list)).toBe(10_000);
    expect(stepQuantity(10_500, 1, list)).toBe(11_000);
    expect(stepQuantity(5_000, -1, list)).toBe(5_000);
  });
});
