import { type ProductionModeService, startInProductionMode } from '@sms/testing';
import { readBillingConfig } from '../config/billing.config';
import { startBilling } from '../start-billing';

jest.setTimeout(60_000);

describe('billing jobs in production mode', () => {
  let billing: ProductionModeService;

  beforeAll(async () => {
    billing = await startInProductionMode({
      service: 'billing',
      label: 'billing_time_travel',
      extra: { BILLING_JOBS_INTERVAL_MS: '0' },
      start: (env) => startBilling(readBillingConfig(env), '127.0.0.1'),
    });
  });

  afterAll(async () => {
    await billing.close();
  });

  it.each(['scheduled-orders', 'subscription-renewals', 'invoices'])(
    'refuses to run %s as of another moment',
    async (job) => {
      const response = await billing.postAsOperator(`/jobs/${job}/run`, { asOf: '2099-02-01T08:00:00Z' });
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/asOf is refused.*TIME_TRAVEL_ENABLED/);
    },
  );

  it('still runs a job as of now', async () => {
    const response = await billing.postAsOperator('/jobs/invoices/run', {});
    expect(response.status).toBe(200);
  });
});
