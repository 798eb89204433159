import { z } from 'zod';
import { commonSettings, loadConfigOrExit, positiveInt, urlSetting, withLocalDefaults } from '@sms/config';

const nonNegativeInt = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

export const notifierConfigSchema = z.object({
  ...commonSettings({ port: 3003, clientId: 'notifier' }),
  // smtp://host:port (or smtps://user:pass@host:465); the local default is the capture mailbox.
  SMTP_URL: urlSetting(['smtp', 'smtps']),
  SMTP_MAX_CONNECTIONS: positiveInt(3),
  MAIL_FROM: z.string().min(3).default('SMS Credits <no-reply@sms-credits.local>'),
  // Where people act: the web console. Links in emails start here.
  APP_BASE_URL: urlSetting(['http', 'https']).default('http://localhost:8080'),
  // The billing API, for invoice downloads (invoice.issued carries a path on it).
  BILLING_BASE_URL: urlSetting(['http', 'https']).default('http://localhost:3002'),
  // Local hour (0-23, in each account's time zone) at which daily low-balance reminders go out.
  REMINDER_LOCAL_HOUR: z.coerce.number().int().min(0).max(23).default(9),
  // How often the reminder job looks for due reminders; 0 disables the loop (tests drive it by hand).
  REMINDER_INTERVAL_MS: nonNegativeInt(60_000),
  // How often the sender looks for pending emails; 0 disables the loop.
  DELIVERY_POLL_INTERVAL_MS: nonNegativeInt(1_000),
  DELIVERY_BATCH_SIZE: positiveInt(20),
  // Exponential backoff between attempts after a temporary failure: base * 2^(attempt-1), capped.
  DELIVERY_RETRY_BASE_MS: positiveInt(5_000),
  DELIVERY_RETRY_MAX_MS: positiveInt(15 * 60_000),
  // After this many attempts a temporarily failing email is marked failed (50 ≈ half a day at the cap).
  DELIVERY_MAX_ATTEMPTS: positiveInt(50),
  // A row still 'sending' after this long was interrupted by a crash; see DeliveryRepository.
  DELIVERY_STALE_SENDING_MS: positiveInt(5 * 60_000),
  SMTP_TIMEOUT_MS: positiveInt(30_000),
});

export type NotifierConfig = z.infer<typeof notifierConfigSchema>;

export const NOTIFIER_CONFIG = Symbol('NOTIFIER_CONFIG');

// The only place the notifier reads its environment.
export function readNotifierConfig(env: Record<string, string | undefined> = process.env): NotifierConfig {
  return loadConfigOrExit('notifier', notifierConfigSchema, withLocalDefaults(env));
}
