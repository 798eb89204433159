import { type ProductionModeService, startInProductionMode } from '@sms/testing';
import { readNotifierConfig } from './config/notifier.config';
import { startNotifier } from './start-notifier';

jest.setTimeout(60_000);

describe('notifier reminders in production mode', () => {
  let notifier: ProductionModeService;

  beforeAll(async () => {
    notifier = await startInProductionMode({
      service: 'notifier',
      label: 'notifier_time_travel',
      extra: {
        // Never contacted: the sender and reminder loops are off.
        SMTP_URL: 'smtp://127.0.0.1:1',
        DELIVERY_POLL_INTERVAL_MS: '0',
        REMINDER_INTERVAL_MS: '0',
      },
      start: (env) => startNotifier(readNotifierConfig(env), '127.0.0.1'),
    });
  });

  afterAll(async () => {
    await notifier.close();
  });

  it('refuses to run the reminders as of another moment', async () => {
    const response = await notifier.postAsOperator('/operations/daily-reminders/run', {
      asOf: '2099-01-01T08:05:00Z',
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/asOf is refused.*TIME_TRAVEL_ENABLED/);
  });

  it('still runs the reminders as of now', async () => {
    const response = await notifier.postAsOperator('/operations/daily-reminders/run', {});
    expect(response.status).toBe(200);
  });
});
