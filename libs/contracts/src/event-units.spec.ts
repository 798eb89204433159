import { decodeEvent } from './contract';
import { CreditsGranted, OrderApprovalRequested, OrderStatusChanged } from './events';
import { CATALOGUE } from './catalogue';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value));

const envelope = {
  eventId: '00000000-0000-4000-8000-000000000001',
  occurredAt: '2026-11-30T10:00:00Z',
  accountId: 'acc_1',
};

const grant = (overrides: Record<string, unknown> = {}) => ({
  schemaVersion: 2,
  ...envelope,
  orderId: 'ord_1',
  grantedMillicredits: 10_000_500,
  source: 'goodwill',
  expiry: { kind: 'never' },
  ...overrides,
});

describe('credit amounts in events', () => {
  it('names every credit amount of every payload in millicredits', () => {
    const fields = CATALOGUE.flatMap((contract) => {
      const schema = contract.schema as unknown as { shape?: Record<string, unknown> };
      return Object.keys(schema.shape ?? {});
    });
    const creditFields = fields.filter((name) => /credits/i.test(name));
    expect(creditFields.length).toBeGreaterThan(0);
    for (const name of creditFields) {
      expect(name).toMatch(/Millicredits$|^millicreditsPer|MillicreditsPer/);
    }
  });

  it('carries a grant of any millicredits exactly', () => {
    expect(decodeEvent(CreditsGranted, encode(grant()))).toEqual({ ok: true, payload: grant() });
  });

  it('dead-letters a credits.granted of the first version, which counted whole credits', () => {
    const result = decodeEvent(
      CreditsGranted,
      encode({ ...grant({ schemaVersion: 1, credits: 10_000 }), grantedMillicredits: undefined }),
    );
    expect(result).toEqual({
      ok: false,
      reason: 'unsupported schemaVersion 1 for credits.granted (supported: 2)',
    });
  });

  it('refuses an order amount that is not whole credits', () => {
    const order = {
      schemaVersion: 2,
      ...envelope,
      orderId: 'ord_1',
      status: 'paid',
      previousStatus: 'awaiting_payment',
      amountMillicredits: 10_000_500,
      amountMinor: 4500,
      currency: 'EUR',
      reason: null,
    };
    const refused = decodeEvent(OrderStatusChanged, encode(order));
    expect(refused.ok).toBe(false);
    expect(decodeEvent(OrderStatusChanged, encode({ ...order, amountMillicredits: 10_000_000 })).ok).toBe(
      true,
    );
    expect(OrderApprovalRequested.version).toBe(2);
  });
});
