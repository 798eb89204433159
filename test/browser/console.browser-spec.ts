import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { LedgerClient, runCampaign, SmsSender } from '../../tools/gateway-sim';
import { saslFor } from '@sms/infra';
import { launchChromium, screenshot, seriousAccessibilityViolations } from './support/browser';
import {
  type ConsoleStack,
  createOwner,
  openAccount,
  startConsoleStack,
  tokenFor,
} from './support/console-stack';

const OWNER_ACCOUNT = 'acc_browser';
const TEST_CARD = '4242424242424242';

// The console in a real browser (Debian's Chromium) against the real services and the platform's
// identity service: the owner signs in on identity's sign-in form (the other roles through the
// console's development sign-in, whose tokens identity signs), works the pages like a person, and the
// stories check what the services then hold. Every page visited passes axe (no serious or critical
// violation); screenshots go to .local/browser-screenshots, and those of the README to docs/.
describe('console in the browser', () => {
  let stack: ConsoleStack;
  let browser: Browser;
  let ownerLogin: { email: string; password: string };

  beforeAll(async () => {
    // One at a time, so a failed start leaves nothing behind that afterAll would not know about.
    browser = await launchChromium();
    stack = await startConsoleStack('console');
    await openAccount(stack, OWNER_ACCOUNT);
    ownerLogin = await createOwner(stack, OWNER_ACCOUNT);
  }, 720_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    // The machine running the tests may be busy: pages get a minute before a step counts as failed.
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));
    return { context, page };
  }

  // The way people sign in: the console sends them to identity (authorization code with PKCE), they
  // type their email and password on identity's form, and come back signed in.
  async function signInAsOwner(): Promise<{ context: BrowserContext; page: Page }> {
    const { context, page } = await newPage();
    await page.goto(stack.console.url);
    await page.getByTestId('sign-in').click();
    await page.waitForURL((url) => url.origin === stack.identity.url);
    await page.getByLabel('Email').fill(ownerLogin.email);
    await page.getByLabel('Password').fill(ownerLogin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('who').waitFor();
    expect(await page.getByTestId('who').innerText()).toContain('owner');
    return { context, page };
  }

  async function signIn(accountId: string, role: string): Promise<{ context: BrowserContext; page: Page }> {
    const { context, page } = await newPage();
    await page.goto(stack.console.url);
    await page.getByLabel('Account').fill(accountId);
    await page.getByLabel('Role').selectOption(role);
    await page.getByTestId('dev-sign-in').click();
    await page.getByTestId('who').waitFor();
    return { context, page };
  }

  async function expectAccessible(page: Page): Promise<void> {
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }

  async function go(page: Page, name: string): Promise<void> {
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
  }

  it('an owner signs in on identity’s form, adds the test card, buys 10,000 credits once despite a double click, and sees the balance', async () => {
    const { context, page } = await signInAsOwner();
    try {
      await page.getByTestId('available').waitFor();
      await expectAccessible(page);

      await go(page, 'Cards');
      await page.getByLabel('Card number').fill(TEST_CARD);
      await page.getByTestId('save-card').click();
      await page.getByTestId('cards').getByText('4242').waitFor();
      await expectAccessible(page);

      await go(page, 'Buy credits');
      await page.getByTestId('credits-input').fill('10000');
      await page.getByTestId('quote-total').waitFor();
      await page.getByTestId('quote').getByText('these 10,000 credits').waitFor();
      await expectAccessible(page);
      await screenshot(page, 'buy-credits', { readme: 'console-buy.png' });
      await page.getByTestId('place-order').dblclick();
      await page
        .getByTestId('order-details')
        .waitFor()
        .catch(async (error: unknown) => {
          await screenshot(page, 'failed-buy-credits');
          throw error;
        });
      await page.getByTestId('order-status').getByText('credited').waitFor({ timeout: 30_000 });
      await screenshot(page, 'buy-credits-order');

      const orders = await stack.platform
        .api('billing', await tokenFor(stack, OWNER_ACCOUNT, 'owner'))
        .get<{ items: { amountMillicredits: number; status: string }[] }>(
          `/accounts/${OWNER_ACCOUNT}/orders`,
        );
      expect(orders.items.filter((order) => order.amountMillicredits === 10_000_000)).toHaveLength(1);

      await go(page, 'Home');
      await page.getByTestId('available').getByText('10,000').waitFor({ timeout: 15_000 });
      await page.getByTestId('recent-activity').waitFor();
      await expectAccessible(page);
      await screenshot(page, 'home', { readme: 'console-home.png' });
    } finally {
      await context.close();
    }
  }, 120_000);

  it('warns before saving an auto top-up threshold above the balance, and saves it on confirmation', async () => {
    const { context, page } = await signIn(OWNER_ACCOUNT, 'owner');
    try {
      await go(page, 'Auto top-up');
      // Auto top-up starts switched off until the owner turns it on.
      await page.getByLabel('Top up automatically').check();
      await page.getByTestId('threshold').fill('50000');
      await page.getByTestId('charge-now-warning').waitFor();
      await expectAccessible(page);
      await page.getByTestId('save-auto-top-up').click();
      await page.getByText('Press save again to confirm.').waitFor();
      await page.getByTestId('threshold').fill('2000');
      await page.getByTestId('charge-now-warning').waitFor({ state: 'detached' });
      await page.getByTestId('save-auto-top-up').click();
      await page.getByText('Saved.').waitFor();
      await screenshot(page, 'auto-top-up');
      const saved = await stack.platform
        .api('billing', await tokenFor(stack, OWNER_ACCOUNT, 'owner'))
        .get<{ enabled: boolean; thresholdMillicredits: number }>(`/accounts/${OWNER_ACCOUNT}/auto-top-up`);
      expect(saved).toMatchObject({ enabled: true, thresholdMillicredits: 2_000_000 });
    } finally {
      await context.close();
    }
  }, 90_000);

  it('an order with another approver waits in the approver’s inbox and is approved there', async () => {
    const owner = await signIn(OWNER_ACCOUNT, 'owner');
    try {
      await go(owner.page, 'Buy credits');
      await owner.page.getByTestId('credits-input').fill('20000');
      await owner.page.getByRole('radio', { name: /Bank transfer/ }).check();
      await owner.page.getByLabel('Someone else must approve this order').check();
      await owner.page.getByLabel("Approver's name").fill('Bea Billing');
      await owner.page.getByLabel("Approver's email").fill(`billing.${OWNER_ACCOUNT}@dev.example`);
      await owner.page.getByTestId('place-order').click();
      await owner.page.getByTestId('order-status').getByText('awaiting approval').waitFor();
    } finally {
      await owner.context.close();
    }

    const approver = await signIn(OWNER_ACCOUNT, 'billing');
    try {
      await go(approver.page, 'Approvals');
      await approver.page.getByText('Bea Billing').waitFor();
      await expectAccessible(approver.page);
      await screenshot(approver.page, 'approvals');
      await approver.page.getByTestId('approve').click();
      await approver.page.getByTestId('approvals-empty').waitFor();
      const orders = await stack.platform
        .api('billing', await tokenFor(stack, OWNER_ACCOUNT, 'owner'))
        .get<{ items: { amountMillicredits: number; status: string; paymentKind: string }[] }>(
          `/accounts/${OWNER_ACCOUNT}/orders`,
        );
      expect(orders.items.find((order) => order.amountMillicredits === 20_000_000)?.status).toBe(
        'awaiting_payment',
      );
    } finally {
      await approver.context.close();
    }
  }, 90_000);

  it('a campaign from the gateway drains the balance, the page shows the spend and then the auto top-up arriving, and the usage export has a row per message', async () => {
    const { context, page } = await signIn(OWNER_ACCOUNT, 'owner');
    const owner = stack.platform.api('ledger', await tokenFor(stack, OWNER_ACCOUNT, 'owner'));
    const sender = new SmsSender({
      brokers: stack.kafkaBrokers.split(','),
      topicPrefix: stack.topicPrefix,
      security: { sasl: saslFor(stack.kafkaCredentials, 'sms-gateway') },
    });
    try {
      const before = await owner.get<{ availableMillicredits: number }>(`/accounts/${OWNER_ACCOUNT}/balance`);
      await page.getByTestId('available').waitFor();
      const shownBefore = await page.getByTestId('available').innerText();

      const report = await runCampaign({
        ledger: new LedgerClient(
          stack.platform.app('ledger').url,
          await tokenFor(stack, OWNER_ACCOUNT, 'gateway'),
        ),
        sender,
        options: {
          accountId: OWNER_ACCOUNT,
          recipients: 6_000,
          ratePerSecond: 3_000,
          chunkSize: 1_000,
          waitForCreditsSeconds: 20,
          campaignId: 'browser-spring',
        },
      });
      expect(report.sent).toBeGreaterThan(0);

      // Without a reload: the balance on the page moves on its own.
      await page.waitForFunction(
        (previous) =>
          (
            globalThis as unknown as {
              document: { querySelector(s: string): { textContent: string } | null };
            }
          ).document.querySelector('[data-testid="available"]')?.textContent !== previous,
        shownBefore,
        { timeout: 30_000 },
      );
      await screenshot(page, 'home-after-campaign');

      await go(page, 'Auto top-up');
      await page
        .getByTestId('auto-top-up-history')
        .getByText('credited')
        .first()
        .waitFor({ timeout: 60_000 });
      await screenshot(page, 'auto-top-up-arrived');
      const after = await owner.get<{ availableMillicredits: number }>(`/accounts/${OWNER_ACCOUNT}/balance`);
      expect(after.availableMillicredits).toBeGreaterThan(2_000_000);
      expect(after.availableMillicredits).not.toBe(before.availableMillicredits);

      let charged = 0;
      for (const started = Date.now(); Date.now() - started < 60_000;) {
        charged = (await owner.get<{ messages: number }>(`/accounts/${OWNER_ACCOUNT}/usage/summary`))
          .messages;
        if (charged >= report.sent) {
          break;
        }
        await new Promise((done) => setTimeout(done, 500));
      }
      expect(charged).toBe(report.sent);

      await go(page, 'Usage');
      await page.getByTestId('usage-chart').waitFor();
      await expectAccessible(page);
      await screenshot(page, 'usage');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-csv').click(),
      ]);
      const rows = readFileSync(await download.path(), 'utf8')
        .trim()
        .split('\n');
      expect(rows.length - 1).toBe(report.sent);
    } finally {
      await sender.close();
      await context.close();
    }
  }, 240_000);

  it('a member sees the balance but no buy button, and the API refuses a purchase through the console', async () => {
    const { context, page } = await signIn(OWNER_ACCOUNT, 'member');
    try {
      await page.getByTestId('available').waitFor();
      expect(await page.getByTestId('buy-button').count()).toBe(0);
      const nav = page.getByRole('navigation', { name: 'Pages' });
      expect(await nav.getByRole('link', { name: 'Buy credits' }).count()).toBe(0);
      await expectAccessible(page);
      const status = await page.evaluate(async (accountId) => {
        const session = (await (await fetch('/bff/session')).json()) as { csrfToken: string };
        const response = await fetch(`/api/billing/accounts/${accountId}/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
          body: JSON.stringify({ amountMillicredits: 1_000_000, paymentKind: 'bank_transfer' }),
        });
        return response.status;
      }, OWNER_ACCOUNT);
      expect(status).toBe(403);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('refuses a change without the CSRF token and keeps tokens out of the page', async () => {
    const { context, page } = await signIn(OWNER_ACCOUNT, 'owner');
    try {
      const result = await page.evaluate(async (accountId) => {
        const response = await fetch(`/api/billing/accounts/${accountId}/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ amountMillicredits: 1_000_000, paymentKind: 'bank_transfer' }),
        });
        const { document } = globalThis as unknown as { document: { cookie: string } };
        return {
          status: response.status,
          cookies: document.cookie,
          session: await (await fetch('/bff/session')).text(),
        };
      }, OWNER_ACCOUNT);
      expect(result.status).toBe(403);
      expect(result.cookies).toBe('');
      expect(result.session).not.toMatch(/eyJ/);
      const cookies = await context.cookies();
      expect(cookies.find((cookie) => cookie.name === 'console-session')).toMatchObject({
        httpOnly: true,
        sameSite: 'Lax',
      });
    } finally {
      await context.close();
    }
  }, 60_000);

  it('an owner invites someone, who appears among the pending invitations, and creates a gateway client whose secret is shown once and works', async () => {
    const { context, page } = await signInAsOwner();
    try {
      await go(page, 'Team');
      await page.getByTestId('members').getByText(ownerLogin.email).waitFor();
      // The only owner can be neither demoted nor removed.
      await page.getByTestId('members').getByText('the last owner stays').waitFor();

      const invitee = `bea.${OWNER_ACCOUNT}@shop.example`;
      await page.getByTestId('invite').getByLabel('Email').fill(invitee);
      await page.getByTestId('invite').getByLabel('Role').selectOption('billing');
      await page.getByTestId('send-invitation').click();
      const invited = page.getByTestId('invitations').getByRole('row', { name: new RegExp(invitee) });
      await invited.waitFor();
      expect(await invited.innerText()).toContain('billing');

      await page.getByLabel('Client name').fill('Browser SMS gateway');
      await page.getByTestId('create-client-submit').click();
      const secret = await page.getByTestId('client-secret').innerText();
      expect(secret.length).toBeGreaterThan(20);
      await page.getByTestId('copy-secret').waitFor();
      await expectAccessible(page);
      await screenshot(page, 'team-client-secret');
      const clientRow = page.getByTestId('machine-clients').getByRole('row', { name: /Browser SMS gateway/ });
      const clientId = await clientRow.locator('code').innerText();

      // The secret is what the gateway signs in with (client credentials at identity).
      const token = await fetch(`${stack.identity.url}/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      });
      expect(token.status).toBe(200);

      // Never again: after a reload the client is listed without its secret.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Team' }).waitFor();
      await clientRow.waitFor();
      expect(await page.getByTestId('client-secret').count()).toBe(0);
      expect(await page.content()).not.toContain(secret);
      await screenshot(page, 'team');
    } finally {
      await context.close();
    }
  }, 120_000);

  it('an owner starts a monthly subscription with the saved card and makes it larger from the next renewal', async () => {
    const { context, page } = await signIn(OWNER_ACCOUNT, 'owner');
    try {
      await go(page, 'Subscriptions');
      await page.getByLabel('Credits a month').fill('10000');
      await page.getByRole('button', { name: 'Start', exact: true }).click();
      const card = page.getByTestId('change-subscription');
      await card.waitFor();
      await card.getByLabel('Credits a month').fill('20000');
      await card.getByRole('radio', { name: 'At the next renewal' }).check();
      await card.getByText('The new size starts at the next renewal.').waitFor();
      await card.getByRole('button', { name: 'Change size' }).click();
      await page.getByTestId('subscription-state').getByText('then with 20,000 credits a month').waitFor();
      await expectAccessible(page);
      await screenshot(page, 'subscriptions');
      const subscriptions = await stack.platform
        .api('billing', await tokenFor(stack, OWNER_ACCOUNT, 'owner'))
        .get<{ periodMillicredits: number; nextPeriodMillicredits: number | null; status: string }[]>(
          `/accounts/${OWNER_ACCOUNT}/subscriptions`,
        );
      expect(subscriptions).toEqual([
        expect.objectContaining({
          periodMillicredits: 10_000_000,
          nextPeriodMillicredits: 20_000_000,
          status: 'active',
        }),
      ]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('an operator opens an account and grants goodwill credits, which its balance and journal show', async () => {
    const ledger = stack.platform.api('ledger', await tokenFor(stack, OWNER_ACCOUNT, 'owner'));
    const before = await ledger.get<{ balanceMillicredits: number }>(`/accounts/${OWNER_ACCOUNT}/balance`);
    const { context, page } = await signIn('platform', 'operator');
    try {
      await go(page, 'Operator');
      await page.getByTestId('find-account').fill(OWNER_ACCOUNT);
      await page.getByRole('button', { name: 'Open', exact: true }).click();
      await page.getByTestId('who').getByText(OWNER_ACCOUNT).waitFor();
      await go(page, 'Operator');
      await page.getByTestId('overdraft').waitFor();

      const form = page.getByTestId('grant-credits');
      await form.getByLabel('Credits', { exact: true }).fill('250');
      await form.getByLabel('Reason').fill('Delivery outage on the 3rd');
      await page.getByTestId('grant-submit').dblclick();
      await page.getByTestId('grant-result').waitFor();
      await expectAccessible(page);
      await screenshot(page, 'operator-goodwill');

      const after = await ledger.get<{ balanceMillicredits: number }>(`/accounts/${OWNER_ACCOUNT}/balance`);
      // Exactly once, despite the double click.
      expect(after.balanceMillicredits - before.balanceMillicredits).toBe(250_000);
      const journal = await ledger.get<{ items: { amountMillicredits: number; kind: string }[] }>(
        `/accounts/${OWNER_ACCOUNT}/journal?limit=5`,
      );
      expect(journal.items.filter((entry) => entry.amountMillicredits === 250_000)).toHaveLength(1);

      await go(page, 'Home');
      await page.getByTestId('recent-activity').getByRole('cell', { name: '250', exact: true }).waitFor();
      await screenshot(page, 'operator-account-home');
    } finally {
      await context.close();
    }
  }, 120_000);

  it('every page a billing user and an operator can open passes the accessibility check', async () => {
    for (const [role, pages] of [
      ['owner', ['Credits', 'Orders', 'Subscriptions', 'Notifications', 'Usage', 'Invoices', 'Team']],
      ['operator', ['Operator']],
    ] as const) {
      const { context, page } = await signIn(OWNER_ACCOUNT, role);
      try {
        for (const name of pages) {
          await go(page, name);
          await page.waitForLoadState('networkidle');
          await expectAccessible(page);
          await screenshot(page, `${role}-${name.toLowerCase()}`);
        }
        if (role === 'operator') {
          await page.getByTestId('journal-check').click();
          await page.getByTestId('journal-check-result').waitFor();
        }
      } finally {
        await context.close();
      }
    }
  }, 120_000);
});
