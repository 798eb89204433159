import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { EntityManager } from '@mikro-orm/postgresql';
import { Registry } from 'prom-client';
import { SmtpCapture } from '@sms/infra';
import { createServiceTestModule } from '@sms/testing';
import { NotifierConfigModule } from '../config/notifier-config.module';
import { readNotifierConfig } from '../config/notifier.config';
import { notifierMigrations } from '../migrations';
import type { NewDelivery } from './delivery';
import { Delivery, DeliverySchema } from './delivery.entity';
import { DeliveryModule } from './delivery.module';
import { DeliveryRepository } from './delivery.repository';
import { DeliverySender } from './delivery-sender';

jest.setTimeout(60_000);

const RETRY_BASE_MS = 60_000;
const RETRY_MAX_MS = 120_000;

// The delivery path against real PostgreSQL and a real SMTP server, without Kafka or HTTP: the test
// queues rows as a consumer would, runs the sender's rounds itself and reads the rows back.
describe(DeliverySender.name, () => {
  let smtp: SmtpCapture;
  let moduleRef: TestingModule;
  let sender: DeliverySender;
  let em: EntityManager;

  const newDelivery = (overrides: Partial<NewDelivery> = {}): NewDelivery => {
    const id = randomUUID().slice(0, 8);
    return {
      eventId: `evt_${id}`,
      recipient: `owner-${id}@example.com`,
      kind: 'receipt',
      accountId: `acc_${id}`,
      subject: `Credits added ${id}`,
      html: `<p>Credits added ${id}</p>`,
      text: `Credits added ${id}`,
      ...overrides,
    };
  };

  const queue = async (...deliveries: NewDelivery[]): Promise<void> => {
    await moduleRef.get(DeliveryRepository).insert(em.fork(), deliveries);
  };

  const stored = (delivery: NewDelivery): Promise<Delivery> =>
    em.fork().findOneOrFail(Delivery, { eventId: delivery.eventId, recipient: delivery.recipient });

  const mailsTo = (recipient: string) => smtp.messages().filter((mail) => mail.to.includes(recipient));

  beforeAll(async () => {
    smtp = await SmtpCapture.start({ port: 0 });
    const config = readNotifierConfig({
      NODE_ENV: 'test',
      SMTP_URL: smtp.url,
      // The test runs every round itself.
      DELIVERY_POLL_INTERVAL_MS: '0',
      REMINDER_INTERVAL_MS: '0',
      DELIVERY_BATCH_SIZE: '5',
      DELIVERY_RETRY_BASE_MS: String(RETRY_BASE_MS),
      DELIVERY_RETRY_MAX_MS: String(RETRY_MAX_MS),
      DELIVERY_MAX_ATTEMPTS: '3',
      DELIVERY_STALE_SENDING_MS: '60000',
      SMTP_TIMEOUT_MS: '5000',
    });
    moduleRef = await createServiceTestModule({
      label: 'notifier_delivery_sender',
      schema: 'notifier',
      // The one entity the delivery path uses.
      entities: [DeliverySchema],
      migrations: notifierMigrations,
      imports: [NotifierConfigModule.forRoot(config), DeliveryModule],
      globals: [{ provide: Registry, useValue: new Registry() }],
    });
    sender = moduleRef.get(DeliverySender);
    em = moduleRef.get(EntityManager);
  });

  afterAll(async () => {
    await moduleRef?.close();
    await smtp?.stop();
  });

  afterEach(() => {
    smtp.setDown(false);
    smtp.setPermanentFailure(null);
  });

  it('sends each due delivery once when rounds run side by side, and leaves one not yet due', async () => {
    const due = Array.from({ length: 12 }, () => newDelivery());
    const later = newDelivery();
    await queue(...due, later);
    await em
      .fork()
      .nativeUpdate(
        Delivery,
        { eventId: later.eventId },
        { nextAttemptAt: new Date(Date.now() + 3_600_000) },
      );

    const handled = await Promise.all([sender.drain(), sender.drain(), sender.drain()]);

    expect(handled.reduce((sum, count) => sum + count, 0)).toBe(12);
    for (const delivery of due) {
      expect(mailsTo(delivery.recipient)).toHaveLength(1);
      expect(await stored(delivery)).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
      expect((await stored(delivery)).smtpMessageId).toContain('@notifier.sms-credits');
    }
    expect(mailsTo(later.recipient)).toHaveLength(0);
    expect(await stored(later)).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('puts a delivery back to pending with its next attempt time after a temporary failure', async () => {
    const delivery = newDelivery();
    await queue(delivery);
    smtp.setDown(true);

    expect(await sender.drain()).toBe(1);

    const retrying = await stored(delivery);
    expect(retrying).toMatchObject({ status: 'pending', attempts: 1 });
    expect(retrying.lastError).toMatch(/421/);
    const delayMs = retrying.nextAttemptAt.getTime() - (retrying.lastAttemptAt as Date).getTime();
    expect(delayMs).toBeGreaterThan(0);
    // Jitter spreads a delay around its value; never further than a fifth above the cap.
    expect(delayMs).toBeLessThanOrEqual(RETRY_MAX_MS * 1.2 + 1_000);
    // Not due yet: the next round leaves it alone even with the server back.
    smtp.setDown(false);
    expect(await sender.drain()).toBe(0);
    expect(mailsTo(delivery.recipient)).toHaveLength(0);
  });

  it('sends a retried delivery once its next attempt time has come', async () => {
    const delivery = newDelivery();
    await queue(delivery);
    smtp.setDown(true);
    await sender.drain();
    smtp.setDown(false);
    await em
      .fork()
      .nativeUpdate(Delivery, { eventId: delivery.eventId }, { nextAttemptAt: new Date(Date.now() - 1_000) });

    expect(await sender.drain()).toBe(1);

    expect(mailsTo(delivery.recipient)).toHaveLength(1);
    expect(await stored(delivery)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('fails a delivery the server refuses permanently, after one attempt', async () => {
    const delivery = newDelivery();
    await queue(delivery);
    smtp.setPermanentFailure(delivery.recipient);

    expect(await sender.drain()).toBe(1);

    const failed = await stored(delivery);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.lastError).toMatch(/550/);
    expect(await sender.drain()).toBe(0);
    expect(mailsTo(delivery.recipient)).toHaveLength(0);
  });

  it('fails a temporarily failing delivery on its last allowed attempt', async () => {
    const delivery = newDelivery();
    await queue(delivery);
    await em.fork().nativeUpdate(Delivery, { eventId: delivery.eventId }, { attempts: 2 });
    smtp.setDown(true);

    expect(await sender.drain()).toBe(1);

    const failed = await stored(delivery);
    expect(failed).toMatchObject({ status: 'failed', attempts: 3 });
    expect(failed.lastError).toMatch(/^gave up after 3 attempts; last error: .*421/);
  });

  it('fails a delivery left sending past DELIVERY_STALE_SENDING_MS without sending it again', async () => {
    const interrupted = newDelivery();
    const inFlight = newDelivery();
    await queue(interrupted, inFlight);
    const sendingSince = (msAgo: number) => ({
      status: 'sending' as const,
      attempts: 1,
      lastAttemptAt: new Date(Date.now() - msAgo),
    });
    await em.fork().nativeUpdate(Delivery, { eventId: interrupted.eventId }, sendingSince(120_000));
    await em.fork().nativeUpdate(Delivery, { eventId: inFlight.eventId }, sendingSince(1_000));

    await sender.drain();

    const failed = await stored(interrupted);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.lastError).toMatch(/^interrupted while sending/);
    expect(await stored(inFlight)).toMatchObject({ status: 'sending', attempts: 1 });
    expect(mailsTo(interrupted.recipient)).toHaveLength(0);
    expect(mailsTo(inFlight.recipient)).toHaveLength(0);
  });
});
