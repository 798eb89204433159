import { Topics } from '@sms/contracts';
import { testKafkaSasl } from '@sms/testing';
import { seedStoryPeople, signInStoryPeople, type StoryPeople } from '../../tools/demo/identity-session';
import { runStory, storyDepsThroughIdentity, StoryResult, until } from '../../tools/demo/story';
import { topicSnapshot } from '../../tools/demo/topic-snapshot';
import { startE2ePlatform, E2ePlatform } from './support/e2e-platform';

const ACCOUNT = 'acc_e2e';
const OWNER = 'owner@acme.example';

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
}

// The demo story with identity and the three apps as separate processes over real Kafka, PostgreSQL
// and SMTP: every token comes from identity (people sign in, the gateway uses its machine client).
describe('demo story (identity, ledger, billing and notifier as processes)', () => {
  let env: E2ePlatform;
  let people: StoryPeople;
  let story: StoryResult;
  const narration: string[] = [];

  beforeAll(async () => {
    env = await startE2ePlatform('e2estory', {}, { trust: 'identity' });
    const { platform } = env;
    const credentials = await seedStoryPeople({
      identityUrl: platform.identityUrl,
      accountId: ACCOUNT,
      ownerEmail: OWNER,
    });
    people = await signInStoryPeople({ identityUrl: platform.identityUrl, accountId: ACCOUNT, credentials });
    const app = (name: 'ledger' | 'billing' | 'notifier') => platform.app(name).url;
    story = await runStory({
      ...storyDepsThroughIdentity(
        { ledger: app('ledger'), billing: app('billing'), notifier: app('notifier') },
        people,
        {
          accountId: ACCOUNT,
          ownerEmail: OWNER,
          kafkaBrokers: env.kafkaBrokers,
          kafkaCredentials: env.kafkaCredentials,
          topicPrefix: env.topicPrefix,
          narrator: { step: (line) => narration.push(`# ${line}`), detail: (line) => narration.push(line) },
        },
      ),
      firstCampaignRecipients: 12_000,
      secondCampaignRecipients: 20_000,
      ratePerSecond: 3_000,
      waitForCreditsSeconds: 6,
    });
  }, 600_000);

  afterAll(async () => {
    if (story === undefined) {
      process.stderr.write(`${narration.join('\n')}\n`);
      for (const app of ['ledger', 'billing', 'notifier'] as const) {
        process.stderr.write(`--- ${app}\n${env?.platform.app(app).tail(30) ?? ''}\n`);
      }
    }
    await env?.stop();
  }, 60_000);

  it('acts with tokens the identity service issued: the owner signed in, the gateway by client credentials', async () => {
    const owner = claimsOf(await people.owner());
    const gateway = claimsOf(await people.gateway());
    expect(owner).toMatchObject({ iss: env.platform.identityUrl, accountId: ACCOUNT, role: 'owner' });
    expect(gateway).toMatchObject({ iss: env.platform.identityUrl, accountId: ACCOUNT, role: 'gateway' });
    expect(claimsOf(await people.operator())).toMatchObject({ accountId: 'platform', role: 'operator' });
    // The gateway's machine token reserves credits but does not buy them.
    const buy = await fetch(`${env.platform.app('billing').url}/accounts/${ACCOUNT}/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await people.gateway()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ amountMillicredits: 1_000_000, paymentKind: 'bank_transfer' }),
    });
    expect(buy.status).toBe(403);
  });

  it('completes the first campaign thanks to auto top-up and stops the second when the card declines', () => {
    const [first, second] = story.campaigns;
    expect(first.outcome).toBe('completed');
    expect(first.sent).toBe(12_000);
    expect(second.outcome).toBe('out_of_credits');
    expect(second.sent).toBeGreaterThan(0);
    expect(second.notSent).toBe(20_000 - second.sent);
  });

  it('charges every sms.sent exactly once', () => {
    const sent = story.campaigns.reduce((sum, c) => sum + c.sent, 0);
    expect(story.chargedMessages).toBe(sent);
  });

  it('leaves a balance equal to the credits bought minus the credits the gateway spent, matching the journal', async () => {
    const applied = await topicSnapshot<{ accountId: string; grantedMillicredits: number }>({
      brokers: env.kafkaBrokers,
      sasl: testKafkaSasl(),
      topic: `${env.topicPrefix}${Topics.CreditsApplied}`,
    });
    const granted = applied.reduce((sum, r) => sum + (r.value?.grantedMillicredits ?? 0), 0);
    const spent = story.campaigns.reduce((sum, c) => sum + c.creditsUsedMillicredits, 0);
    const credited = story.orders.filter((o) => o.status === 'credited');
    expect(granted).toBe(credited.reduce((sum, o) => sum + o.amountMillicredits, 0));
    expect(story.balance.balanceMillicredits).toBe(granted - spent);
    expect(story.balance.heldMillicredits).toBe(0);
    expect(story.journalCheck.differences).toEqual([]);
  });

  it('places exactly one auto top-up per dip below the threshold, the last one refused by the card', async () => {
    const lows = await topicSnapshot<{ purpose: string }>({
      brokers: env.kafkaBrokers,
      sasl: testKafkaSasl(),
      topic: `${env.topicPrefix}${Topics.BalanceLow}`,
    });
    const dips = lows.filter((r) => r.value?.purpose === 'auto_topup');
    const topUps = story.orders.filter((o) => o.kind === 'auto_topup');
    expect(dips.length).toBeGreaterThanOrEqual(2);
    expect(topUps).toHaveLength(dips.length);
    const [latest, ...earlier] = topUps; // newest first
    expect(latest.status).toBe('failed');
    expect(earlier.every((o) => o.status === 'credited')).toBe(true);
  });

  it('emails each notice once: a receipt per credited order, a low-balance email per crossing, one auto top-up failure', async () => {
    const lows = await topicSnapshot<{ purpose: string }>({
      brokers: env.kafkaBrokers,
      sasl: testKafkaSasl(),
      topic: `${env.topicPrefix}${Topics.BalanceLow}`,
    });
    const crossings = lows.filter((r) => r.value?.purpose === 'low_balance_notice').length;
    const credited = story.orders.filter((o) => o.status === 'credited').length;
    await until(
      () => {
        const mails = env.smtp.messages().map((m) => m.headers['x-notice-kind']);
        const count = (kind: string) => mails.filter((k) => k === kind).length;
        return Promise.resolve(
          count('receipt') >= credited && count('autotopup_failed') >= 1 && count('low_balance') >= crossings
            ? count
            : undefined,
        );
      },
      { what: 'the expected emails', timeoutMs: 30_000 },
    );
    // Nothing more arrives later (a duplicate would be a second send of the same notice).
    await new Promise((done) => setTimeout(done, 1500));
    const final = env.smtp.messages();
    const kinds = (kind: string) => final.filter((m) => m.headers['x-notice-kind'] === kind).length;
    expect(crossings).toBeGreaterThanOrEqual(1);
    expect(kinds('receipt')).toBe(credited);
    expect(kinds('low_balance')).toBe(crossings);
    expect(kinds('autotopup_failed')).toBe(1);
    expect(final.every((m) => m.to.includes(OWNER))).toBe(true);
    expect(final.find((m) => m.headers['x-notice-kind'] === 'autotopup_failed')?.subject).toMatch(
      /Auto top-up failed/,
    );
  });

  it('dead-letters nothing the gateway sent', async () => {
    const dead = await topicSnapshot({
      brokers: env.kafkaBrokers,
      sasl: testKafkaSasl(),
      topic: `${env.topicPrefix}ledger.${Topics.SmsSent}.dlq`,
    });
    expect(dead).toHaveLength(0);
  });
});
