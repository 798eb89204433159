import { z } from 'zod';
import { commonSettings, loadConfigOrExit, withLocalDefaults } from '@sms/config';

export const notifierConfigSchema = z.object({
  ...commonSettings({ port: 3003, clientId: 'notifier' }),
});

export type NotifierConfig = z.infer<typeof notifierConfigSchema>;

export const NOTIFIER_CONFIG = Symbol('NOTIFIER_CONFIG');

// The only place the notifier reads its environment.
export function readNotifierConfig(env: Record<string, string | undefined> = process.env): NotifierConfig {
  return loadConfigOrExit('notifier', notifierConfigSchema, withLocalDefaults(env));
}
