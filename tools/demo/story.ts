import { CREDIT_SCALE, Topics } from '@sms/contracts';
import {
  CampaignReport,
  describeReport,
  formatCredits,
  formatProgress,
  LedgerClient,
  runCampaign,
  SmsSender,
} from '../gateway-sim';
import { KAFKA_ADMIN, saslFor, type KafkaCredentials } from '@sms/infra';
import { ApiClient, ApiError } from './api-client';
import type { StoryPeople } from './identity-session';
import type { Platform } from './platform';
import { topicSnapshot } from './topic-snapshot';

// The demo story, step by step: an account buys credits, sets a low-balance email and auto top-up, a
// large campaign drains the balance, auto top-up recharges the card once per dip and the campaign
// goes on; then a card that declines stops auto top-up and the owner is told. `npm run demo` narrates
// it; the end-to-end test runs the same steps and asserts on what they return.

export interface StoryNarrator {
  step(title: string): void;
  detail(line: string): void;
}

export interface StoryDeps {
  accountId: string;
  ownerEmail: string;
  owner: { ledger: ApiClient; billing: ApiClient; notifier: ApiClient };
  operator: { ledger: ApiClient };
  ledgerUrl: string;
  // The gateway's bearer token, or where to get a current one (its machine client's short-lived tokens).
  gatewayToken: string | (() => Promise<string>);
  kafkaBrokers: string;
  // The broker's principals: the gateway publishes as sms-gateway, snapshots read as the admin.
  kafkaCredentials?: KafkaCredentials;
  topicPrefix: string;
  narrator: StoryNarrator;
  // Sizes: the defaults tell the story in about a minute.
  initialCredits?: number;
  thresholdCredits?: number;
  topUpCredits?: number;
  lowBalanceLevelCredits?: number;
  firstCampaignRecipients?: number;
  secondCampaignRecipients?: number;
  ratePerSecond?: number;
  waitForCreditsSeconds?: number;
  // Names this telling of the story (campaign ids, the purchase's idempotency key), so that telling it
  // again on the same account (the local stack's demo account) sends and buys anew.
  runId?: string;
}

// The story's clients with tokens issued by the identity service: the owner and the operator signed
// in with their passwords, the gateway with its machine client.
export function storyDepsThroughIdentity(
  urls: { ledger: string; billing: string; notifier: string },
  people: StoryPeople,
  options: Pick<
    StoryDeps,
    'accountId' | 'ownerEmail' | 'kafkaBrokers' | 'kafkaCredentials' | 'topicPrefix' | 'narrator' | 'runId'
  >,
): StoryDeps {
  return {
    ...options,
    owner: {
      ledger: new ApiClient(urls.ledger, people.owner),
      billing: new ApiClient(urls.billing, people.owner),
      notifier: new ApiClient(urls.notifier, people.owner),
    },
    operator: { ledger: new ApiClient(urls.ledger, people.operator) },
    ledgerUrl: urls.ledger,
    gatewayToken: people.gateway,
  };
}

// The story's clients on a platform that trusts a test issuer, which signs whatever is asked.
export function storyDepsOn(
  platform: Platform,
  options: Pick<
    StoryDeps,
    'accountId' | 'ownerEmail' | 'kafkaBrokers' | 'kafkaCredentials' | 'topicPrefix' | 'narrator'
  >,
): StoryDeps {
  const owner = platform.token(options.accountId, 'owner', options.ownerEmail);
  return {
    ...options,
    owner: {
      ledger: platform.api('ledger', owner),
      billing: platform.api('billing', owner),
      notifier: platform.api('notifier', owner),
    },
    operator: { ledger: platform.api('ledger', platform.operatorToken()) },
    ledgerUrl: platform.app('ledger').url,
    gatewayToken: platform.token(options.accountId, 'gateway', 'sms-gateway'),
  };
}

export interface Order {
  id: string;
  kind: 'one_time' | 'subscription' | 'auto_topup';
  status: string;
  amountMillicredits: number;
  failureReason: string | null;
}

interface Balance {
  balanceMillicredits: number;
  heldMillicredits: number;
  availableMillicredits: number;
}

export interface StoryResult {
  campaigns: CampaignReport[];
  orders: Order[];
  balance: Balance;
  chargedMessages: number;
  journalCheck: { accountsChecked: number; differences: unknown[] };
}

export const DEMO_RATES = { IT: 1000, GB: 1200, DE: 1100, FR: 1100, ES: 1000, US: 700, BR: 1500 };
const GOOD_CARD = '4242424242424242';
const DECLINING_CARD = '4000000000000002';

export async function runStory(deps: StoryDeps): Promise<StoryResult> {
  const { accountId, owner, narrator } = deps;
  const sizes = {
    initial: deps.initialCredits ?? 10_000,
    threshold: deps.thresholdCredits ?? 5_000,
    topUp: deps.topUpCredits ?? 10_000,
    lowLevel: deps.lowBalanceLevelCredits ?? 3_000,
    first: deps.firstCampaignRecipients ?? 15_000,
    second: deps.secondCampaignRecipients ?? 25_000,
    rate: deps.ratePerSecond ?? 2_000,
    wait: deps.waitForCreditsSeconds ?? 20,
  };
  const base = `/accounts/${accountId}`;
  const run = deps.runId === undefined ? '' : `-${deps.runId}`;

  narrator.step('The platform operator publishes the rate card (millicredits per segment)');
  await deps.operator.ledger.put('/rate-card', { defaultMillicreditsPerSegment: 1000, rates: DEMO_RATES });
  narrator.detail(
    Object.entries(DEMO_RATES)
      .map(([country, rate]) => `${country} ${formatCredits(rate)}`)
      .join(', ') + ', elsewhere 1 credit per segment',
  );

  narrator.step(`${accountId} opens its account and says who gets emails`);
  const settings = { homeCountry: 'IT', timeZone: 'Europe/Rome' };
  await owner.ledger.post('/accounts', { id: accountId, ...settings }).catch(async (error: unknown) => {
    // An account that is already open (the local stack seeds it) only gets its settings.
    if (!(error instanceof ApiError && error.status === 409)) {
      throw error;
    }
    await owner.ledger.patch(base, settings);
  });
  await owner.billing.put(`${base}/billing-profile`, {
    legalName: 'Acme S.r.l.',
    email: deps.ownerEmail,
    country: 'IT',
    currency: 'EUR',
    timeZone: 'Europe/Rome',
  });
  await owner.notifier.put(`${base}/notification-settings`, {
    recipients: { lowBalance: [deps.ownerEmail], receipt: [deps.ownerEmail], autoTopUp: [deps.ownerEmail] },
    lowBalanceLevelsMillicredits: [millicreditsOf(sizes.lowLevel)],
    dailyReminder: false,
    language: 'en',
    timeZone: 'Europe/Rome',
  });
  narrator.detail(
    `low-balance email to ${deps.ownerEmail} below ${sizes.lowLevel.toLocaleString('en-US')} credits; receipts and auto top-up notices too`,
  );

  narrator.step(
    `${accountId} buys ${sizes.initial.toLocaleString('en-US')} credits with a card (simulated, succeeds)`,
  );
  const goodCard = await owner.billing.post<{ id: string }>(`${base}/payment-methods`, {
    provider: 'simulated',
    cardNumber: GOOD_CARD,
    expMonth: 12,
    expYear: new Date().getUTCFullYear() + 3,
  });
  const purchase = await owner.billing.post<Order>(
    `${base}/orders`,
    { amountMillicredits: millicreditsOf(sizes.initial), paymentKind: 'card', paymentMethodId: goodCard.id },
    { 'Idempotency-Key': `demo-purchase-${accountId}${run}` },
  );
  const credited = await until(() => orderIn(owner.billing, accountId, purchase.id, ['credited', 'failed']), {
    what: 'the purchase to be credited',
  });
  if (credited.status !== 'credited') {
    throw new Error(`the purchase ${purchase.id} ended ${credited.status}: ${credited.failureReason ?? ''}`);
  }
  const afterPurchase = await owner.ledger.get<Balance>(`${base}/balance`);
  narrator.detail(
    `order ${purchase.id} paid and credited: balance ${formatCredits(afterPurchase.balanceMillicredits)} credits`,
  );

  narrator.step(
    `Auto top-up: below ${sizes.threshold.toLocaleString('en-US')} credits, add ${sizes.topUp.toLocaleString('en-US')} with the saved card`,
  );
  await owner.billing.put(`${base}/auto-top-up`, {
    enabled: true,
    thresholdMillicredits: millicreditsOf(sizes.threshold),
    topUpMillicredits: millicreditsOf(sizes.topUp),
    paymentMethodId: goodCard.id,
    maxRechargesPer30Days: 10,
  });
  await until(
    async () => {
      const monitors = await owner.ledger.get<{ purpose: string; levelMillicredits: number }[]>(
        `${base}/monitors`,
      );
      const purposes = new Set(monitors.map((m) => m.purpose));
      return purposes.has('auto_topup') && purposes.has('low_balance_notice') ? monitors : undefined;
    },
    { what: 'the ledger to watch the auto top-up and low-balance levels' },
  );
  narrator.detail(
    'the ledger now watches both levels (balance-monitors.configured from billing and notifier)',
  );

  const gateway = {
    ledger: new LedgerClient(deps.ledgerUrl, deps.gatewayToken),
    sender: new SmsSender({
      brokers: deps.kafkaBrokers.split(','),
      topicPrefix: deps.topicPrefix,
      security: { sasl: deps.kafkaCredentials && saslFor(deps.kafkaCredentials, 'sms-gateway') },
    }),
  };
  const campaigns: CampaignReport[] = [];
  // What the account had already sent before this telling (none on a new account).
  const before = (await owner.ledger.get<{ messages: number }>(`${base}/usage/summary`)).messages;
  try {
    narrator.step(
      `A campaign to ${sizes.first.toLocaleString('en-US')} recipients drains the balance; auto top-up keeps it going`,
    );
    campaigns.push(await campaign(gateway, deps, `${accountId}-spring${run}`, sizes.first, sizes));
    await settled(deps, campaigns, before);
    await reportTopUps(deps);

    narrator.step('The saved card is replaced by one that declines; another campaign starts');
    const badCard = await owner.billing.post<{ id: string }>(`${base}/payment-methods`, {
      provider: 'simulated',
      cardNumber: DECLINING_CARD,
      expMonth: 12,
      expYear: new Date().getUTCFullYear() + 3,
    });
    await owner.billing.put(`${base}/auto-top-up`, {
      enabled: true,
      thresholdMillicredits: millicreditsOf(sizes.threshold),
      topUpMillicredits: millicreditsOf(sizes.topUp),
      paymentMethodId: badCard.id,
      maxRechargesPer30Days: 10,
    });
    campaigns.push(await campaign(gateway, deps, `${accountId}-summer${run}`, sizes.second, sizes));
  } finally {
    await gateway.sender.close();
  }
  const chargedMessages = (await settled(deps, campaigns, before)) - before;
  const orders = await reportTopUps(deps);
  const autoTopUp = await owner.billing.get<{ enabled: boolean; disabledReason: string | null }>(
    `${base}/auto-top-up`,
  );
  narrator.detail(
    `auto top-up is now ${autoTopUp.enabled ? 'on' : `off (${autoTopUp.disabledReason ?? ''})`}`,
  );

  narrator.step('The operator checks every cached balance against the journal');
  const journalCheck =
    await deps.operator.ledger.post<StoryResult['journalCheck']>('/operator/journal/check');
  const balance = await owner.ledger.get<Balance>(`${base}/balance`);
  narrator.detail(
    `${journalCheck.accountsChecked} account(s) checked, ${journalCheck.differences.length} difference(s); ` +
      `final balance ${formatCredits(balance.balanceMillicredits)} credits, ${formatCredits(balance.heldMillicredits)} held`,
  );
  return { campaigns, orders, balance, chargedMessages, journalCheck };
}

async function campaign(
  gateway: { ledger: LedgerClient; sender: SmsSender },
  deps: StoryDeps,
  campaignId: string,
  recipients: number,
  sizes: { rate: number; wait: number },
): Promise<CampaignReport> {
  let lastLine = 0;
  const report = await runCampaign({
    ledger: gateway.ledger,
    sender: gateway.sender,
    options: {
      accountId: deps.accountId,
      recipients,
      ratePerSecond: sizes.rate,
      chunkSize: 1000,
      waitForCreditsSeconds: sizes.wait,
      campaignId,
    },
    onProgress: (progress) => {
      if (progress.phase !== 'finished' && Date.now() - lastLine >= 2000) {
        lastLine = Date.now();
        deps.narrator.detail(`  ${formatProgress(progress)}`);
      }
    },
  });
  for (const line of describeReport(report)) {
    deps.narrator.detail(line);
  }
  return report;
}

// Waits until the ledger has charged every message the gateway sent, and no auto top-up is in flight.
async function settled(
  deps: StoryDeps,
  campaigns: readonly CampaignReport[],
  before: number,
): Promise<number> {
  const sent = before + campaigns.reduce((sum, c) => sum + c.sent, 0);
  const base = `/accounts/${deps.accountId}`;
  const charged = await until(
    async () => {
      const usage = await deps.owner.ledger.get<{ messages: number }>(`${base}/usage/summary`);
      return usage.messages >= sent ? usage.messages : undefined;
    },
    { what: `the ledger to charge ${sent} messages`, timeoutMs: 120_000 },
  );
  await until(
    async () => {
      const { items: orders } = await deps.owner.billing.get<{ items: Order[] }>(`${base}/orders?limit=200`);
      return orders.every((order) => ['credited', 'failed', 'cancelled', 'declined'].includes(order.status))
        ? orders
        : undefined;
    },
    { what: 'every order to be credited or failed', timeoutMs: 60_000 },
  );
  return charged;
}

async function reportTopUps(deps: StoryDeps): Promise<Order[]> {
  const { items: orders } = await deps.owner.billing.get<{ items: Order[] }>(
    `/accounts/${deps.accountId}/orders?limit=200`,
  );
  const lows = await topicSnapshot<{ purpose: string; balanceMillicredits: number }>({
    brokers: deps.kafkaBrokers,
    sasl: deps.kafkaCredentials && saslFor(deps.kafkaCredentials, KAFKA_ADMIN),
    topic: `${deps.topicPrefix}${Topics.BalanceLow}`,
  });
  const dips = lows.filter((r) => r.value?.purpose === 'auto_topup' && r.key === deps.accountId);
  const topUps = orders.filter((order) => order.kind === 'auto_topup');
  deps.narrator.detail(
    `balance.low below the auto top-up level: ${dips.length} time(s); automatic orders: ` +
      (topUps.length === 0
        ? 'none'
        : topUps
            .slice()
            .reverse()
            .map((o) => `${formatCredits(o.amountMillicredits)} credits ${o.status}`)
            .join(', ')),
  );
  return orders;
}

async function orderIn(
  billing: ApiClient,
  accountId: string,
  orderId: string,
  statuses: string[],
): Promise<Order | undefined> {
  const order = await billing.get<Order>(`/accounts/${accountId}/orders/${orderId}`);
  return statuses.includes(order.status) ? order : undefined;
}

export async function until<T>(
  probe: () => Promise<T | undefined>,
  options: { what: string; timeoutMs?: number; intervalMs?: number },
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) {
        return value;
      }
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${options.what}${last instanceof Error ? `: ${last.message}` : ''}`,
      );
    }
    await new Promise((done) => setTimeout(done, options.intervalMs ?? 250));
  }
}

export const millicreditsOf = (credits: number): number => credits * CREDIT_SCALE;
