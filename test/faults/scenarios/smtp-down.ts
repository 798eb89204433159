import { type CreditsAppliedEvent, eventEnvelope, Topics } from '@sms/contracts';
import { SmtpCapture } from '@sms/infra';
import { ApiClient } from '../../../tools/demo/api-client';
import { until } from '../../../tools/demo/story';
import { Infra, operatorToken, RawProducer, ScenarioLog, startApp, topicPrefix } from '../support';

// The mail server refuses everything (421) for a while: each receipt is delivered once it is back,
// none twice.
export async function smtpDown(
  infra: Infra,
  options: { accounts: number; downSeconds: number },
): Promise<ScenarioLog> {
  const log = new ScenarioLog('SMTP down, then back');
  const prefix = topicPrefix('smtp');
  const smtp = await SmtpCapture.start({ port: 0 });
  const notifier = await startApp({
    name: 'notifier',
    infra,
    topicPrefix: prefix,
    label: 'smtp',
    env: {
      SMTP_URL: smtp.url,
      DELIVERY_POLL_INTERVAL_MS: '200',
      DELIVERY_RETRY_BASE_MS: '500',
      DELIVERY_RETRY_MAX_MS: '2000',
      REMINDER_INTERVAL_MS: '0',
    },
  });
  const producer = new RawProducer(infra, prefix);
  await producer.connect();
  try {
    const api = new ApiClient(notifier.url, operatorToken());
    const accounts = Array.from({ length: options.accounts }, (_, i) => `acc_mail_${i}`);
    for (const accountId of accounts) {
      await api.put(`/accounts/${accountId}/notification-settings`, {
        recipients: { receipt: [`owner@${accountId.replace(/_/g, '-')}.example`] },
        lowBalanceLevelsMillicredits: [],
        dailyReminder: false,
        language: 'en',
        timeZone: 'Europe/Rome',
      });
    }
    smtp.setDown(true);
    log.did(
      `SMTP server down (421 to every transaction); publishing ${accounts.length} credits.applied (one receipt each)`,
    );
    await producer.send(
      Topics.CreditsApplied,
      accounts.map((accountId) => ({
        key: accountId,
        value: JSON.stringify({
          ...eventEnvelope(new Date().toISOString()),
          accountId,
          orderId: `ord_${accountId}`,
          lotId: `lot_${accountId}`,
          source: 'purchase',
          grantedMillicredits: 10_000_000,
          deficitNettedMillicredits: 0,
          balanceMillicredits: 10_000_000,
          expiresAt: null,
        } satisfies CreditsAppliedEvent),
      })),
    );
    await new Promise((done) => setTimeout(done, options.downSeconds * 1000));
    log.did(`after ${options.downSeconds} s down: ${smtp.messages().length} mails captured; SMTP back up`);
    const whileDown = smtp.messages().length;
    smtp.setDown(false);
    const back = Date.now();
    await until(() => Promise.resolve(smtp.messages().length >= accounts.length ? true : undefined), {
      what: 'every receipt',
      timeoutMs: 60_000,
    }).catch(() => undefined);
    log.did(`all receipts arrived ${((Date.now() - back) / 1000).toFixed(1)} s after SMTP came back`);
    await new Promise((done) => setTimeout(done, 3000));
    const mails = smtp.messages();
    const perAccount = new Map<string, number>();
    for (const mail of mails) {
      const account = mail.headers['x-account-id'] ?? '?';
      perAccount.set(account, (perAccount.get(account) ?? 0) + 1);
    }
    log.check(`no mail accepted while down (${whileDown})`, whileDown === 0);
    log.check(
      `${mails.length} receipts delivered for ${accounts.length} accounts`,
      mails.length === accounts.length,
    );
    log.check(
      'each account got its receipt exactly once',
      accounts.every((a) => perAccount.get(a) === 1),
    );
    log.check('the notifier kept running', notifier.running);
  } finally {
    await producer.close();
    await notifier.stop();
    await smtp.stop();
  }
  return log;
}
