import { z } from 'zod';
import { commonSettings, loadConfigOrExit, withLocalDefaults } from '@sms/config';

export const billingConfigSchema = z.object({
  ...commonSettings({ port: 3002, clientId: 'billing' }),
});

export type BillingConfig = z.infer<typeof billingConfigSchema>;

export const BILLING_CONFIG = Symbol('BILLING_CONFIG');

// The only place the billing reads its environment.
export function readBillingConfig(env: Record<string, string | undefined> = process.env): BillingConfig {
  return loadConfigOrExit('billing', billingConfigSchema, withLocalDefaults(env));
}
