import { z } from 'zod';
import { booleanFlag, commonSettings, loadConfigOrExit, urlSetting, withLocalDefaults } from '@sms/config';

const settings = z.object({
  ...commonSettings({ port: 3002, clientId: 'billing' }),
  // How often the scheduler looks for due work (scheduled orders, renewals, invoices); 0 turns the
  // timer off (tests drive the jobs through the operator endpoints with an explicit asOf).
  BILLING_JOBS_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
  // The simulated provider's test cards "pay" without money changing hands, so they exist only where
  // someone turned them on (tests, the stack, the demo); production refuses to boot with them.
  PAYMENT_SIMULATOR_ENABLED: booleanFlag(false),
  // Stripe is optional: without a key, saved Stripe cards cannot be charged.
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  // Published to the console for Stripe Elements (pk_…); with the secret key, the console offers Stripe
  // card entry instead of the test cards.
  STRIPE_PUBLISHABLE_KEY: z
    .string()
    .regex(/^pk_(test|live)_\w+$/, 'must be a Stripe publishable key (pk_test_… or pk_live_…)')
    .optional(),
  // Points the Stripe client elsewhere (stripe-mock, or a test double serving recorded payloads).
  STRIPE_API_URL: urlSetting(['http', 'https']).optional(),
  // Where customers send bank transfers; shown on bank-transfer orders.
  BANK_BENEFICIARY: z.string().min(1).default('SMS Credits Ltd'),
  BANK_IBAN: z.string().min(1).default('IT60X0542811101000000123456'),
  BANK_BIC: z.string().min(1).default('BPMOIT22XXX'),
  // The invoicing entity; invoice numbers are gap-free per issuer and year.
  INVOICE_ISSUER: z
    .string()
    .regex(/^[A-Z0-9-]{1,16}$/, 'must be 1-16 upper-case letters, digits or dashes')
    .default('SMSC'),
});

export const billingConfigSchema = settings.superRefine((config, context) => {
  if (config.NODE_ENV === 'production' && config.PAYMENT_SIMULATOR_ENABLED) {
    context.addIssue({
      code: 'custom',
      path: ['PAYMENT_SIMULATOR_ENABLED'],
      message: 'must be off in production: test cards would buy credits without payment',
    });
  }
});

export type BillingConfig = z.infer<typeof billingConfigSchema>;

export const BILLING_CONFIG = Symbol('BILLING_CONFIG');

// The only place the billing reads its environment.
export function readBillingConfig(env: Record<string, string | undefined> = process.env): BillingConfig {
  return loadConfigOrExit('billing', billingConfigSchema, withLocalDefaults(env));
}
