import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { EntityManager } from '@mikro-orm/postgresql';
import { systemClock } from '@sms/runtime';
import { createBillingServiceTestModule, queryRows } from '../test/billing-service-test-module';
import { CreditNote, CreditNoteRepository } from './invoices/credit-note.repository';
import { Invoice, InvoiceRepository } from './invoices/invoice.repository';
import { PaymentMethodRepository } from './payment-methods/payment-method.repository';
import { StripeCustomerRepository } from './payment-methods/stripe-customer.repository';
import { PaymentRepository } from './payments/payment.repository';
import { BillingProfile, BillingProfileRepository } from './profiles/billing-profile.repository';
import { Subscription, SubscriptionRepository } from './subscriptions/subscription.repository';

jest.setTimeout(60_000);

// Amounts past 2^31 (and past 2^32) that an int column or a float read would get wrong.
const LARGE_MINOR = 5_000_000_000_123;
const LARGE_CREDITS = 3_000_000_007;

// Each repository writes through its entities and reads back through a fresh entity manager, so what
// comes back is what PostgreSQL holds, not the identity map's copy; the raw row is checked too, so a
// property mapped to the wrong column fails even when it round-trips.
describe('billing repositories', () => {
  let moduleRef: TestingModule;

  beforeAll(async () => {
    moduleRef = await createBillingServiceTestModule('billing_repositories', []);
  });

  afterAll(async () => {
    await moduleRef.close();
  });

  const fresh = (): EntityManager => moduleRef.get(EntityManager).fork();
  const newAccount = (): string => `acc_${randomUUID().slice(0, 8)}`;

  async function savedCard(accountId: string): Promise<string> {
    const id = `pm_${randomUUID()}`;
    await new PaymentMethodRepository(systemClock).insert(fresh(), {
      id,
      accountId,
      provider: 'simulated',
      brand: 'visa',
      last4: '4242',
      expMonth: 12,
      expYear: 2035,
      token: `tok_${id}`,
      stripeCustomerId: null,
    });
    return id;
  }

  // The smallest order a payment or credit note can reference.
  async function placedOrder(accountId: string): Promise<string> {
    const id = `ord_${randomUUID()}`;
    await fresh().execute(
      `insert into billing.purchase_order (id, account_id, kind, status, credits, amount_minor, currency,
         payment_kind, requester_subject, requester_name)
       values (?, ?, 'one_time', 'paid', ?, ?, 'EUR', 'card', 'owner', 'Owner')`,
      [id, accountId, LARGE_CREDITS, LARGE_MINOR],
    );
    return id;
  }

  describe(PaymentRepository.name, () => {
    const payments = new PaymentRepository();

    it('reads back a requested payment exactly, amount past 2^32 and absent card and reference included', async () => {
      const accountId = newAccount();
      const orderId = await placedOrder(accountId);
      const id = `pay_${randomUUID()}`;

      await payments.insert(fresh(), {
        id,
        orderId,
        accountId,
        provider: 'simulated',
        paymentMethodId: null,
        amountMinor: LARGE_MINOR,
        currency: 'EUR',
      });

      const locked = await fresh().transactional((tx) => payments.lockMany(tx, [id]));
      expect(locked.get(id)).toEqual({
        id,
        orderId,
        accountId,
        provider: 'simulated',
        paymentMethodId: null,
        amountMinor: LARGE_MINOR,
        currency: 'EUR',
        status: 'pending',
        providerReference: null,
      });
      expect(
        await queryRows(
          moduleRef,
          `select order_id, account_id, provider, payment_method_id, amount_minor::text as amount_minor, currency,
             status, failure_code, provider_reference, settled_at from billing.payment where id = ?`,
          [id],
        ),
      ).toEqual([
        {
          order_id: orderId,
          account_id: accountId,
          provider: 'simulated',
          payment_method_id: null,
          amount_minor: String(LARGE_MINOR),
          currency: 'EUR',
          status: 'pending',
          failure_code: null,
          provider_reference: null,
          settled_at: null,
        },
      ]);
    });

    it('records the provider reference and the outcome, and finds the payment by that reference', async () => {
      const accountId = newAccount();
      const orderId = await placedOrder(accountId);
      const cardId = await savedCard(accountId);
      const id = `pay_${randomUUID()}`;
      const reference = `pi_${randomUUID()}`;
      await payments.insert(fresh(), {
        id,
        orderId,
        accountId,
        provider: 'stripe',
        paymentMethodId: cardId,
        amountMinor: 4_000,
        currency: 'EUR',
      });

      await payments.recordReference(fresh(), id, reference);
      await payments.settle(fresh(), {
        id,
        status: 'failed',
        failureCode: 'card_declined',
        settledAt: '2026-03-01T10:00:00.123Z',
      });

      expect(await payments.isRecorded(fresh(), 'stripe', reference)).toBe(true);
      expect(await payments.isRecorded(fresh(), 'bank_transfer', reference)).toBe(false);
      expect(await payments.findByReference(fresh(), 'stripe', reference)).toEqual({
        id,
        orderId,
        accountId,
        provider: 'stripe',
        paymentMethodId: cardId,
        amountMinor: 4_000,
        currency: 'EUR',
        status: 'failed',
        providerReference: reference,
      });
      expect(
        await queryRows(
          moduleRef,
          'select failure_code, settled_at = ?::timestamptz as settled_as_given from billing.payment where id = ?',
          ['2026-03-01T10:00:00.123Z', id],
        ),
      ).toEqual([{ failure_code: 'card_declined', settled_as_given: true }]);
    });

    it('records a received bank transfer once, however often its statement line is imported', async () => {
      const accountId = newAccount();
      const orderId = await placedOrder(accountId);
      const transfer = (id: string) => ({
        id,
        orderId,
        accountId,
        provider: 'bank_transfer' as const,
        paymentMethodId: null,
        amountMinor: LARGE_MINOR,
        currency: 'EUR',
        providerReference: `bank-tx-${orderId}`,
        settledAt: '2026-03-02T09:00:00.000Z',
      });

      const first = await payments.insertReceived(fresh(), transfer(`pay_${randomUUID()}`));
      const again = await payments.insertReceived(fresh(), transfer(`pay_${randomUUID()}`));

      expect([first, again]).toEqual([true, false]);
      expect(await payments.findByReference(fresh(), 'bank_transfer', `bank-tx-${orderId}`)).toMatchObject({
        status: 'succeeded',
        amountMinor: LARGE_MINOR,
      });
    });
  });

  describe(PaymentMethodRepository.name, () => {
    const methods = new PaymentMethodRepository(systemClock);

    it('reads back a saved card exactly, with and without a Stripe customer', async () => {
      const accountId = newAccount();
      const stripeCard = {
        id: `pm_${randomUUID()}`,
        accountId,
        provider: 'stripe' as const,
        brand: 'mastercard',
        last4: '4444',
        expMonth: 7,
        expYear: 2031,
        token: 'pm_stripe_token',
        stripeCustomerId: 'cus_123',
      };
      const simulatedId = await savedCard(accountId);

      const inserted = await methods.insert(fresh(), stripeCard);
      const read = await methods.find(fresh(), accountId, stripeCard.id);

      const expected = { ...stripeCard, status: 'active', failedAt: null, failureCode: null };
      expect(inserted).toEqual(expected);
      expect(read).toEqual(expected);
      expect(await methods.findById(fresh(), simulatedId)).toMatchObject({
        provider: 'simulated',
        stripeCustomerId: null,
      });
      expect(await methods.find(fresh(), newAccount(), stripeCard.id)).toBeNull();
      expect(
        await queryRows(
          moduleRef,
          `select account_id, provider, brand, last4, exp_month, exp_year, token, stripe_customer_id, status,
             failed_at, failure_code from billing.payment_method where id = ?`,
          [stripeCard.id],
        ),
      ).toEqual([
        {
          account_id: accountId,
          provider: 'stripe',
          brand: 'mastercard',
          last4: '4444',
          exp_month: 7,
          exp_year: 2031,
          token: 'pm_stripe_token',
          stripe_customer_id: 'cus_123',
          status: 'active',
          failed_at: null,
          failure_code: null,
        },
      ]);
    });

    it('keeps a failure until the card is updated, and lists only cards not removed, oldest first', async () => {
      const accountId = newAccount();
      const first = await savedCard(accountId);
      const second = await savedCard(accountId);
      const third = await savedCard(accountId);

      await methods.markFailed(fresh(), first, 'expired_card');
      const failed = await methods.findById(fresh(), first);
      const updated = await methods.updateCard(fresh(), {
        id: second,
        brand: 'amex',
        last4: '0005',
        expMonth: 1,
        expYear: 2030,
        token: 'tok_new',
      });
      await methods.markFailed(fresh(), second, 'card_declined');
      await methods.updateCard(fresh(), { ...updated, token: 'tok_newer' });
      await methods.remove(fresh(), third);

      expect(failed).toMatchObject({ failureCode: 'expired_card', failedAt: expect.any(String) });
      expect((await methods.list(fresh(), accountId)).map((m) => [m.id, m.failureCode, m.failedAt])).toEqual([
        [first, 'expired_card', failed?.failedAt],
        [second, null, null],
      ]);
      expect(await methods.findById(fresh(), second)).toMatchObject({
        brand: 'amex',
        last4: '0005',
        expMonth: 1,
        expYear: 2030,
        token: 'tok_newer',
      });
      expect(await methods.findById(fresh(), third)).toMatchObject({ status: 'removed' });
    });
  });

  describe(StripeCustomerRepository.name, () => {
    const customers = new StripeCustomerRepository();

    it('keeps the first customer saved for an account and finds the account by its customer', async () => {
      const accountId = newAccount();
      const first = `cus_${randomUUID()}`;

      const saved = await fresh().transactional((tx) => customers.save(tx, accountId, first));
      const second = await fresh().transactional((tx) =>
        customers.save(tx, accountId, `cus_${randomUUID()}`),
      );

      expect([saved, second]).toEqual([first, first]);
      expect(await customers.find(fresh(), accountId)).toBe(first);
      expect(await customers.find(fresh(), newAccount())).toBeNull();
      expect(await customers.accountOf(fresh(), first)).toBe(accountId);
      expect(await customers.accountOf(fresh(), 'cus_unknown')).toBeNull();
    });
  });

  describe(BillingProfileRepository.name, () => {
    const profiles = new BillingProfileRepository(systemClock);
    const profile = (accountId: string): BillingProfile => ({
      accountId,
      legalName: 'Example S.r.l.',
      email: 'billing@example.com',
      address: 'Via Roma 1, Milano',
      vatNumber: 'IT01234567890',
      country: 'IT',
      currency: 'EUR',
      timeZone: 'Europe/Rome',
      issuer: null,
    });

    it('reads back a profile exactly, absent VAT number and issuer included', async () => {
      const accountId = newAccount();
      const withoutVat = { ...profile(accountId), vatNumber: null };

      const saved = await profiles.upsert(fresh(), withoutVat);

      expect(saved).toEqual(withoutVat);
      expect(await profiles.find(fresh(), accountId)).toEqual(withoutVat);
      expect(await profiles.find(fresh(), newAccount())).toBeNull();
      expect(
        await queryRows(
          moduleRef,
          `select legal_name, email, address, vat_number, country, currency, time_zone, issuer
           from billing.billing_profile where account_id = ?`,
          [accountId],
        ),
      ).toEqual([
        {
          legal_name: 'Example S.r.l.',
          email: 'billing@example.com',
          address: 'Via Roma 1, Milano',
          vat_number: null,
          country: 'IT',
          currency: 'EUR',
          time_zone: 'Europe/Rome',
          issuer: null,
        },
      ]);
    });

    it("keeps the operator's issuer when the customer saves the profile again", async () => {
      const accountId = newAccount();
      await profiles.upsert(fresh(), profile(accountId));

      const withIssuer = await profiles.setIssuer(fresh(), accountId, 'SMSC-EU');
      const resaved = await profiles.upsert(fresh(), {
        ...profile(accountId),
        legalName: 'Renamed S.p.A.',
        issuer: null,
      });

      expect(withIssuer?.issuer).toBe('SMSC-EU');
      expect(resaved.legalName).toBe('Renamed S.p.A.');
      expect(await profiles.find(fresh(), accountId)).toEqual({
        ...profile(accountId),
        legalName: 'Renamed S.p.A.',
        issuer: 'SMSC-EU',
      });
      expect(await profiles.setIssuer(fresh(), newAccount(), 'SMSC-EU')).toBeNull();
      expect((await profiles.all(fresh())).map((p) => p.accountId)).toContain(accountId);
    });
  });

  describe(SubscriptionRepository.name, () => {
    const subscriptions = new SubscriptionRepository(systemClock);

    it('reads back a subscription exactly, credits past 2^31 and no pending change included, and updates it in place', async () => {
      const accountId = newAccount();
      const subscription: Subscription = {
        id: `sub_${randomUUID()}`,
        accountId,
        creditsPerPeriod: LARGE_CREDITS,
        nextCreditsPerPeriod: null,
        paymentMethodId: await savedCard(accountId),
        status: 'active',
        currentPeriodStart: '2026-03-01T00:00:00.000Z',
        nextRenewalAt: '2026-04-01T00:00:00.000Z',
      };

      expect(await subscriptions.save(fresh(), subscription)).toEqual(subscription);
      expect(await subscriptions.find(fresh(), accountId, subscription.id, { lock: false })).toEqual(
        subscription,
      );

      const changed: Subscription = {
        ...subscription,
        nextCreditsPerPeriod: LARGE_CREDITS + 1,
        status: 'cancelled',
        currentPeriodStart: '2026-04-01T00:00:00.000Z',
        nextRenewalAt: '2026-05-01T00:00:00.000Z',
      };
      await subscriptions.save(fresh(), changed);

      expect(await subscriptions.list(fresh(), accountId)).toEqual([changed]);
      expect(
        await queryRows(
          moduleRef,
          `select credits_per_period::text as credits, next_credits_per_period::text as next_credits, status
           from billing.subscription where id = ?`,
          [subscription.id],
        ),
      ).toEqual([
        { credits: String(LARGE_CREDITS), next_credits: String(LARGE_CREDITS + 1), status: 'cancelled' },
      ]);
    });

    it('locks only the active subscriptions whose renewal is due, and skips those another run holds', async () => {
      const accountId = newAccount();
      const cardId = await savedCard(accountId);
      const subscription = (
        id: string,
        nextRenewalAt: string,
        status: Subscription['status'],
      ): Subscription => ({
        id,
        accountId,
        creditsPerPeriod: 10_000,
        nextCreditsPerPeriod: null,
        paymentMethodId: cardId,
        status,
        currentPeriodStart: '2000-01-01T00:00:00.000Z',
        nextRenewalAt,
      });
      const held = `sub_${randomUUID()}`;
      const due = `sub_${randomUUID()}`;
      await subscriptions.save(fresh(), subscription(held, '2000-01-10T00:00:00.000Z', 'active'));
      await subscriptions.save(fresh(), subscription(due, '2000-01-20T00:00:00.000Z', 'active'));
      await subscriptions.save(
        fresh(),
        subscription(`sub_${randomUUID()}`, '2000-01-15T00:00:00.000Z', 'cancelled'),
      );
      await subscriptions.save(
        fresh(),
        subscription(`sub_${randomUUID()}`, '2000-03-01T00:00:00.000Z', 'active'),
      );

      const claimed = await fresh().transactional(async (holder) => {
        await subscriptions.find(holder, accountId, held, { lock: true });
        return fresh().transactional((tx) => subscriptions.lockDue(tx, '2000-02-01T00:00:00.000Z', 100));
      });

      expect(claimed.filter((s) => s.accountId === accountId).map((s) => s.id)).toEqual([due]);
    });
  });

  describe(InvoiceRepository.name, () => {
    const invoices = new InvoiceRepository();
    const invoice = (accountId: string, periodStart: string, orderId: string): Invoice => ({
      id: `inv_${randomUUID()}`,
      accountId,
      issuer: 'SMSC',
      number: `SMSC-2026-${randomUUID().slice(0, 8)}`,
      periodStart,
      periodEnd: `${periodStart.slice(0, 8)}28`,
      currency: 'EUR',
      totalMinor: LARGE_MINOR,
      lines: [
        {
          orderId,
          description: 'SMS credits',
          credits: LARGE_CREDITS,
          amountMinor: LARGE_MINOR,
          paidAt: `${periodStart}T10:00:00.000Z`,
        },
      ],
      billedTo: {
        legalName: 'Example S.r.l.',
        email: 'billing@example.com',
        address: '',
        vatNumber: null,
        country: 'IT',
      },
      issuedAt: '2026-03-01T00:05:00.123Z',
    });

    it('reads back an invoice exactly: calendar dates as written, total past 2^32, lines and customer as issued', async () => {
      const accountId = newAccount();
      const written = invoice(accountId, '2026-02-01', 'ord_a');

      await invoices.insert(fresh(), written);

      expect(await invoices.find(fresh(), accountId, written.id)).toEqual(written);
      expect(await invoices.exists(fresh(), accountId, '2026-02-01')).toBe(true);
      expect(await invoices.exists(fresh(), accountId, '2026-03-01')).toBe(false);
      expect(await invoices.numberForOrder(fresh(), accountId, 'ord_a')).toBe(written.number);
      expect(await invoices.numberForOrder(fresh(), accountId, 'ord_b')).toBeNull();
      expect(
        await queryRows(
          moduleRef,
          `select period_start::text as period_start, period_end::text as period_end,
             total_minor::text as total_minor, lines->0->>'credits' as line_credits, billed_to->>'vatNumber' as vat
           from billing.invoice where id = ?`,
          [written.id],
        ),
      ).toEqual([
        {
          period_start: '2026-02-01',
          period_end: '2026-02-28',
          total_minor: String(LARGE_MINOR),
          line_credits: String(LARGE_CREDITS),
          vat: null,
        },
      ]);
    });

    it("pages an account's invoices newest period first without skipping or repeating one", async () => {
      const accountId = newAccount();
      const periods = ['2025-11-01', '2025-12-01', '2026-01-01'];
      for (const period of periods) {
        await invoices.insert(fresh(), invoice(accountId, period, `ord_${period}`));
      }

      const first = await invoices.list(fresh(), { accountId, limit: 2 });
      const last = first[first.length - 1];
      const second = await invoices.list(fresh(), {
        accountId,
        after: { periodStart: last.periodStart, id: last.id },
        limit: 2,
      });

      expect([...first, ...second].map((i) => i.periodStart)).toEqual([...periods].reverse());
    });
  });

  describe(CreditNoteRepository.name, () => {
    const notes = new CreditNoteRepository();

    it('reads back credit notes exactly, newest first, with and without the invoice they correct', async () => {
      const accountId = newAccount();
      const orderId = await placedOrder(accountId);
      const note = (issuedAt: string, invoiceNumber: string | null): CreditNote => ({
        id: `cn_${randomUUID()}`,
        accountId,
        issuer: 'SMSC',
        number: `SMSC-CN-${randomUUID().slice(0, 8)}`,
        orderId,
        invoiceNumber,
        reason: 'refund',
        amountMinor: LARGE_MINOR,
        currency: 'EUR',
        issuedAt,
      });
      const older = note('2026-03-01T09:00:00.000Z', 'SMSC-2026-000001');
      const newer = note('2026-03-02T09:00:00.456Z', null);

      await notes.insert(fresh(), older);
      await notes.insert(fresh(), newer);

      expect(await notes.list(fresh(), accountId)).toEqual([newer, older]);
      expect(
        await queryRows(
          moduleRef,
          'select amount_minor::text as amount_minor, invoice_number from billing.credit_note where id = ?',
          [newer.id],
        ),
      ).toEqual([{ amount_minor: String(LARGE_MINOR), invoice_number: null }]);
    });
  });
});
