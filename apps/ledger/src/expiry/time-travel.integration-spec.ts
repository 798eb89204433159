import { type ProductionModeService, startInProductionMode } from '@sms/testing';
import { readLedgerConfig } from '../config/ledger.config';
import { startLedger } from '../start-ledger';

jest.setTimeout(60_000);

describe('ledger expiry run in production mode', () => {
  let ledger: ProductionModeService;

  beforeAll(async () => {
    ledger = await startInProductionMode({
      service: 'ledger',
      label: 'ledger_time_travel',
      extra: { LEDGER_SCHEDULER_ENABLED: 'false' },
      start: (env) => startLedger(readLedgerConfig(env), '127.0.0.1'),
    });
  });

  afterAll(async () => {
    await ledger.close();
  });

  it('refuses an operator run as of another moment with the reason', async () => {
    const response = await ledger.postAsOperator('/operator/expiry/run', { asOf: '2099-01-01T00:00:00Z' });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/asOf is refused.*TIME_TRAVEL_ENABLED/);
  });

  it('still runs the job as of now', async () => {
    const response = await ledger.postAsOperator('/operator/expiry/run', {});
    expect(response.status).toBe(200);
  });
});
