import { Links } from '../notices/links';
import { expiringModel } from '../notices/notice-models';
import { LANGUAGE_PACKS, LANGUAGES } from '../templates/languages';
import {
  isPersonalNoticeKind,
  NOTICE_KINDS,
  PERSONAL_NOTICE_KINDS,
  type NoticeKind,
} from '../templates/notice-kind';
import { renderEmail } from '../templates/render-email';
import { sampleModel } from './notice-samples';

const links = new Links('https://app.example.com', 'https://billing.example.com/');

const render = (kind: NoticeKind) =>
  renderEmail({
    language: 'en',
    kind,
    model: sampleModel(kind, {
      accountId: 'acc_sample',
      pack: LANGUAGE_PACKS.en,
      timeZone: 'Europe/Rome',
      links,
    }),
  });

// Checks a fact appears in the subject or both bodies, as the person reads them.
const expectInBoth = (email: ReturnType<typeof render>, ...facts: string[]): void => {
  for (const fact of facts) {
    expect(email.text).toContain(fact);
    expect(email.html).toContain(fact);
  }
};

describe(renderEmail.name, () => {
  it('renders the low-balance notice with level, balance, SMS left and a link to buy credits', () => {
    const email = render('low_balance');
    expect(email.subject).toBe('Your SMS balance is below 1,000 credits');
    expectInBoth(email, '987.5 credits', '950 credits', 'about 1,316', '10 March 2025 at 09:15 CET');
    expectInBoth(email, 'https://app.example.com/accounts/acc_sample/credits/buy');
  });

  it('renders the daily reminder with the level and since when it is below', () => {
    const email = render('low_balance_reminder');
    expect(email.subject).toBe('Reminder: your SMS balance is still below 1,000 credits');
    expectInBoth(email, 'since 10 March 2025 at 09:15 CET', '987.5 credits', 'about 1,316');
  });

  it('renders the depleted notice with the deficit explained', () => {
    const email = render('depleted');
    expect(email.subject).toBe('Your SMS credits have run out: sending has stopped');
    expectInBoth(email, '-200 credits', 'deficit', 'https://app.example.com/accounts/acc_sample/credits/buy');
  });

  it('renders the receipt with credits added, deficit settled, new balance and validity', () => {
    const email = render('receipt');
    expect(email.subject).toBe('10,000 SMS credits added to your account');
    expectInBoth(email, 'Deficit settled', '200 credits', '9,800 credits', '8 June 2025', 'ord_sample');
  });

  it('renders the expiring notice with the expiry date in the account time zone', () => {
    const email = render('expiring');
    expect(email.subject).toBe('2,500 SMS credits expire at the end of 9 April 2025, in 30 days');
    expectInBoth(email, '9 April 2025', 'Europe/Rome', 'https://app.example.com/accounts/acc_sample/credits');
  });

  it('says tomorrow on the day before the last valid day and today on the last valid day', () => {
    const expiring = (daysBefore: number) =>
      renderEmail({
        language: 'en',
        kind: 'expiring',
        model: expiringModel(
          {
            schemaVersion: 1,
            eventId: 'evt_1',
            occurredAt: '2025-04-08T07:00:00Z',
            accountId: 'acc_sample',
            lotId: 'lot_1',
            remainingMillicredits: 2_500_000,
            expiresAt: '2025-04-09T22:00:00Z',
            expiryDate: '2025-04-09',
            timeZone: 'Europe/Rome',
            daysBefore,
          },
          { accountId: 'acc_sample', pack: LANGUAGE_PACKS.en, timeZone: 'Europe/Rome', links },
        ),
      });
    expect(expiring(1).subject).toBe('2,500 SMS credits expire at the end of tomorrow, 9 April 2025');
    expect(expiring(0).subject).toBe('2,500 SMS credits expire at the end of today, 9 April 2025');
    expect(expiring(7).subject).toBe('2,500 SMS credits expire at the end of 9 April 2025, in 7 days');
  });

  it('renders the expired notice with the balance after expiry', () => {
    const email = render('expired');
    expect(email.subject).toBe('2,500 SMS credits expired');
    expectInBoth(email, '9 March 2025', '7,300 credits');
  });

  it('renders the auto top-up failure with the reason and a link to the settings', () => {
    const email = render('autotopup_failed');
    expect(email.subject).toBe('Auto top-up failed: your card could not be charged');
    expectInBoth(email, 'the card has expired', 'switched off', '/accounts/acc_sample/billing/auto-top-up');
  });

  it('renders the approval request to the approver with amount and a link to the order', () => {
    const email = render('approval_requested');
    expect(email.subject).toBe('Approval needed: order of 10,000 SMS credits from Marta Rossi');
    expectInBoth(email, 'Hello Luca Bianchi', '€450.00', '/accounts/acc_sample/orders/ord_sample/approval');
  });

  it('renders the credits taken back for a refund with the money, the credits and the credit note', () => {
    const email = render('credits_reversed');
    expect(email.subject).toBe('Refund of €45.00: credits taken back');
    expectInBoth(
      email,
      '10,000',
      'ord_sample',
      'SMSC-CN-2025-000007',
      '€45.00',
      'taken from your next purchase',
    );
    expect(email.text).not.toContain('dispute');
  });

  it('renders the credits given back when a card dispute is won', () => {
    const email = render('credits_reinstated');
    expect(email.subject).toBe('Card dispute won: 10,000 credits are back');
    expectInBoth(email, '10,000', 'ord_sample', '€45.00');
  });

  it('renders the invoice notice with a download link on the billing API', () => {
    const email = render('invoice_issued');
    expect(email.subject).toBe('Invoice INV-2025-0042 for 1 February 2025 – 28 February 2025');
    expectInBoth(
      email,
      '€1,234.50',
      'https://billing.example.com/accounts/acc_sample/invoices/inv_sample/pdf',
    );
  });

  it('escapes values in the HTML part but not in the text part', () => {
    const email = renderEmail({
      language: 'en',
      kind: 'autotopup_failed',
      model: {
        ...sampleModel('autotopup_failed', {
          accountId: 'acc_sample',
          pack: LANGUAGE_PACKS.en,
          timeZone: 'UTC',
          links,
        }),
        reason: '<b>declined</b>',
      },
    });
    expect(email.html).toContain('&lt;b&gt;declined&lt;/b&gt;');
    expect(email.text).toContain('<b>declined</b>');
  });

  const accountKinds = NOTICE_KINDS.filter((kind) => !isPersonalNoticeKind(kind));

  it.each(LANGUAGES.flatMap((language) => accountKinds.map((kind) => [language, kind] as const)))(
    'renders %s %s with a subject, both parts and the settings link in the footer',
    (language, kind) => {
      const email = renderEmail({
        language,
        kind,
        model: sampleModel(kind, {
          accountId: 'acc_sample',
          pack: LANGUAGE_PACKS[language],
          timeZone: 'Europe/Rome',
          links,
        }),
      });
      expect(email.subject.length).toBeGreaterThan(10);
      expect(email.subject).not.toMatch(/[{}\n]/);
      expect(email.html).toMatch(/^<!doctype html>/);
      expect(`${email.html}${email.text}`).not.toMatch(/\{\{|\[\[content\]\]/);
      expect(email.text).toContain('https://app.example.com/accounts/acc_sample/settings/notifications');
    },
  );

  it.each(LANGUAGES.flatMap((language) => PERSONAL_NOTICE_KINDS.map((kind) => [language, kind] as const)))(
    'renders the personal %s %s with its link and without pointing at notification settings',
    (language, kind) => {
      const email = renderEmail({
        language,
        kind,
        model: sampleModel(kind, {
          accountId: 'acc_sample',
          pack: LANGUAGE_PACKS[language],
          timeZone: 'UTC',
          links,
        }),
      });
      expect(email.subject.length).toBeGreaterThan(10);
      expect(email.html).toMatch(/^<!doctype html>/);
      expect(`${email.html}${email.text}`).not.toMatch(/\{\{|\[\[content\]\]/);
      expect(email.text).toContain('https://id.example.com/');
      expect(email.text).not.toContain('notification settings');
    },
  );
});
