import { BillingTestApp } from '../../test/billing-test-app';

jest.setTimeout(90_000);

describe('billing profiles', () => {
  let t: BillingTestApp;

  beforeAll(async () => {
    t = await BillingTestApp.start('billing_profiles');
  });

  afterAll(async () => {
    await t.stop();
  });

  it("announces the profile's email and time zone as the account's owner contacts on every save", async () => {
    const put = (email: string, timeZone: string) =>
      t
        .http()
        .put('/accounts/acc-contacts/billing-profile')
        .set('Authorization', t.token('acc-contacts'))
        .send({ legalName: 'Contacts S.r.l.', email, country: 'IT', currency: 'EUR', timeZone })
        .expect(200);
    await put('Owner@Contacts.example', 'Europe/Rome');
    await put('finance@contacts.example', 'America/New_York');
    expect(await t.outbox('account.contacts-updated', 'acc-contacts')).toEqual([
      expect.objectContaining({
        accountId: 'acc-contacts',
        source: 'billing_profile',
        ownerEmails: ['owner@contacts.example'],
        timeZone: 'Europe/Rome',
      }),
      expect.objectContaining({ ownerEmails: ['finance@contacts.example'], timeZone: 'America/New_York' }),
    ]);
  });
});
