import { defaultSettings } from './default-settings';

describe(defaultSettings.name, () => {
  it("sends every kind of notice to the account's owners in the account's time zone", () => {
    const settings = defaultSettings('acc_1', {
      accountId: 'acc_1',
      ownerEmails: ['owner@acme.example'],
      timeZone: 'Europe/Rome',
    });
    expect(settings.recipients).toEqual({
      lowBalance: ['owner@acme.example'],
      depleted: ['owner@acme.example'],
      receipt: ['owner@acme.example'],
      expiry: ['owner@acme.example'],
      autoTopUp: ['owner@acme.example'],
      invoice: ['owner@acme.example'],
    });
    expect(settings).toMatchObject({ timeZone: 'Europe/Rome', language: 'en', lowBalanceLevelsCredits: [] });
  });

  it('has no recipients and UTC dates for an account whose owners are not known', () => {
    const settings = defaultSettings('acc_2', undefined);
    expect(Object.values(settings.recipients).flat()).toEqual([]);
    expect(settings.timeZone).toBe('UTC');
  });
});
