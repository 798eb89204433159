import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { Topics } from '@sms/contracts';
import { produceRaw, waitFor } from '@sms/testing';
import type { ApiClient } from '../../tools/demo/api-client';
import { FakeStripe } from '../../apps/billing/test/fake-stripe';
import { E2ePlatform, startE2ePlatform } from './support/e2e-platform';

jest.setTimeout(240_000);

const ACCOUNT = 'acc_money_back';
const OWNER = 'owner@money-back.example';
const WEBHOOK_SECRET = 'whsec_e2e_money_back';

interface Order {
  id: string;
  status: string;
  refundedMinor: number;
  amountMinor: number;
}

// Billing, ledger and notifier as processes over real Kafka: a refund or a card dispute at Stripe
// takes the order's credits back in the ledger's journal (into a deficit the next grant pays), a won
// dispute gives them back, and the owner is emailed each time.
describe('refunds and disputes (billing → ledger → notifier)', () => {
  let env: E2ePlatform;
  let stripe: FakeStripe;
  let billing: ApiClient;
  let ledger: ApiClient;
  const signer = new Stripe('sk_test_unused');
  let cardId: string;

  beforeAll(async () => {
    stripe = await FakeStripe.start();
    stripe.paymentIntentStatus = 'succeeded';
    env = await startE2ePlatform('e2emoney', {
      billing: {
        STRIPE_SECRET_KEY: 'sk_test_fake',
        STRIPE_API_URL: stripe.url,
        STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      },
    });
    const token = env.platform.token(ACCOUNT, 'owner', OWNER);
    billing = env.platform.api('billing', token);
    ledger = env.platform.api('ledger', token);
    const notifier = env.platform.api('notifier', token);
    await notifier.put(`/accounts/${ACCOUNT}/notification-settings`, {
      recipients: { receipt: [OWNER] },
      lowBalanceLevelsMillicredits: [],
      dailyReminder: false,
      language: 'en',
      timeZone: 'Europe/Rome',
    });
    await billing.put(`/accounts/${ACCOUNT}/billing-profile`, {
      legalName: 'Money Back S.r.l.',
      email: OWNER,
      country: 'IT',
      currency: 'EUR',
      timeZone: 'Europe/Rome',
    });
    const intent = await billing.post<{ setupIntentId: string }>(
      `/accounts/${ACCOUNT}/payment-methods/stripe/setup-intents`,
    );
    stripe.confirmSetupIntent(intent.setupIntentId, {
      brand: 'visa',
      last4: '4242',
      expMonth: 12,
      expYear: 2035,
    });
    cardId = (
      await billing.post<{ id: string }>(`/accounts/${ACCOUNT}/payment-methods`, {
        provider: 'stripe',
        setupIntentId: intent.setupIntentId,
      })
    ).id;
  }, 240_000);

  afterAll(async () => {
    await env?.stop();
    await stripe?.stop();
  });

  const balance = async (): Promise<number> =>
    (await ledger.get<{ balanceMillicredits: number }>(`/accounts/${ACCOUNT}/balance`)).balanceMillicredits;

  const balanceBecomes = (millicredits: number, what: string) =>
    waitFor(async () => (await balance()) === millicredits, { what, timeoutMs: 30_000 });

  const order = (id: string) => billing.get<Order>(`/accounts/${ACCOUNT}/orders/${id}`);

  // A 10,000-credit card order, paid at Stripe and credited by the ledger; returns its PaymentIntent.
  const buy = async (): Promise<{ orderId: string; paymentIntentId: string }> => {
    const placed = await billing.post<Order>(`/accounts/${ACCOUNT}/orders`, {
      amountMillicredits: 10_000_000,
      paymentKind: 'card',
      paymentMethodId: cardId,
    });
    await waitFor(async () => (await order(placed.id)).status === 'credited', {
      what: 'credited',
      timeoutMs: 30_000,
    });
    const charge = stripe.requests.find(
      (r) => r.path === '/v1/payment_intents' && r.form['metadata[orderId]'] === placed.id,
    );
    return {
      orderId: placed.id,
      paymentIntentId: stripe.paymentIntentFor(charge?.form['metadata[paymentId]'] ?? ''),
    };
  };

  const webhook = async (id: string, type: string, object: Record<string, unknown>) => {
    const payload = JSON.stringify({
      id,
      object: 'event',
      type,
      created: Math.floor(Date.now() / 1000),
      data: { object },
    });
    const response = await fetch(`${env.platform.app('billing').url}/webhooks/stripe`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }),
      },
      body: payload,
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { handled: boolean };
  };

  const mail = (subject: string) =>
    env.smtp.waitFor((m) => m.to.includes(OWNER) && m.subject === subject, 30_000);

  it('takes back refunded credits into a deficit that the next purchase pays, once per Stripe event', async () => {
    const first = await buy();
    await balanceBecomes(10_000_000, 'first purchase on the balance');
    // Four SMS of 255 segments at the default rate of 1 credit per segment: 1,020 credits spent.
    await produceRaw({
      brokers: env.kafkaBrokers,
      topic: `${env.topicPrefix}${Topics.SmsSent}`,
      messages: [1, 2, 3, 4].map((n) => ({
        key: ACCOUNT,
        value: JSON.stringify({
          schemaVersion: 1,
          messageId: `money-back-${n}-${randomUUID()}`,
          accountId: ACCOUNT,
          to: '+393471234567',
          segments: 255,
          sentAt: new Date().toISOString(),
        }),
      })),
    });
    await balanceBecomes(8_980_000, 'SMS charged');

    const refund = {
      id: 'ch_refund_1',
      object: 'charge',
      payment_intent: first.paymentIntentId,
      amount: 4500,
      amount_refunded: 4500,
      currency: 'eur',
      refunded: true,
    };
    expect(await webhook('evt_refund_1', 'charge.refunded', refund)).toEqual({
      received: true,
      handled: true,
    });
    await balanceBecomes(-1_020_000, 'refund reversed into a deficit');
    expect(await webhook('evt_refund_1', 'charge.refunded', refund)).toEqual({
      received: true,
      handled: false,
    });
    expect(await webhook('evt_refund_1_again', 'charge.refunded', refund)).toEqual({
      received: true,
      handled: false,
    });
    expect(await order(first.orderId)).toMatchObject({ status: 'refunded', refundedMinor: 4500 });
    const notes = await billing.get<{ number: string; orderId: string; amountMinor: number }[]>(
      `/accounts/${ACCOUNT}/credit-notes`,
    );
    expect(notes).toEqual([
      expect.objectContaining({
        orderId: first.orderId,
        amountMinor: 4500,
        number: expect.stringMatching(/^SMSC-CN-\d{4}-000001$/),
      }),
    ]);
    const email = await mail('Refund of €45.00: credits taken back');
    expect(email.text).toContain('10,000');
    expect(email.text).toContain(notes[0].number);

    // The deficit rule: the next 10,000 credits pay the 1,020 first.
    await buy();
    await balanceBecomes(8_980_000, 'next purchase nets the deficit');
    const journal = await ledger.get<{ items?: { kind: string }[] } | { kind: string }[]>(
      `/accounts/${ACCOUNT}/journal?limit=50`,
    );
    expect(JSON.stringify(journal)).toContain('"reversal"');
    const check = await env.platform
      .api('ledger', env.platform.operatorToken())
      .post<{ differences: unknown[] }>('/operator/journal/check');
    expect(check.differences).toEqual([]);
    // Redelivered refunds took nothing more.
    expect(await balance()).toBe(8_980_000);
  });

  it('takes credits back when a dispute opens, gives them back when it is won, keeps them when it is lost', async () => {
    const won = await buy();
    await balanceBecomes(18_980_000, 'disputed purchase credited');
    const dispute = (id: string, status: string) => ({
      id,
      object: 'dispute',
      payment_intent: won.paymentIntentId,
      amount: 4500,
      currency: 'eur',
      status,
    });
    await webhook('evt_dp_won_open', 'charge.dispute.created', dispute('dp_won', 'needs_response'));
    await balanceBecomes(8_980_000, 'dispute reversed the credits');
    expect((await order(won.orderId)).status).toBe('disputed');
    await mail('Card dispute opened: credits taken back');
    await webhook('evt_dp_won_close', 'charge.dispute.closed', dispute('dp_won', 'won'));
    await balanceBecomes(18_980_000, 'won dispute gave the credits back');
    expect((await order(won.orderId)).status).toBe('credited');
    await mail('Card dispute won: 10,000 credits are back');

    const lost = await buy();
    await balanceBecomes(28_980_000, 'second disputed purchase credited');
    const lostDispute = { ...dispute('dp_lost', 'needs_response'), payment_intent: lost.paymentIntentId };
    await webhook('evt_dp_lost_open', 'charge.dispute.created', lostDispute);
    await balanceBecomes(18_980_000, 'second dispute reversed the credits');
    await webhook('evt_dp_lost_close', 'charge.dispute.closed', { ...lostDispute, status: 'lost' });
    await waitFor(async () => (await order(lost.orderId)).status === 'charged_back', {
      what: 'charged back',
    });
    await mail('Card dispute closed: the bank decided for the cardholder');
    expect(await balance()).toBe(18_980_000);
    const notes = await billing.get<{ orderId: string }[]>(`/accounts/${ACCOUNT}/credit-notes`);
    expect(notes.map((n) => n.orderId)).toContain(lost.orderId);
  });
});
