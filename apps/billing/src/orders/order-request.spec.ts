import { bankReference, mayDecide, orderParties, scheduledInstant } from './order-request';

describe(orderParties.name, () => {
  const ada = { name: 'Ada', email: 'ada@example.com' };

  it('takes the signed-in subject as requester, with its e-mail when the subject is one', () => {
    expect(orderParties({ subject: 'bob@example.com' })).toEqual({
      requester: { subject: 'bob@example.com', name: 'bob@example.com', email: 'bob@example.com' },
      approver: null,
    });
    expect(orderParties({ subject: 'user-42' })).toEqual({
      requester: { subject: 'user-42', name: 'user-42', email: null },
      approver: null,
    });
  });

  it('makes the order wait for an approver who is someone else', () => {
    expect(orderParties({ subject: 'bob@example.com', approver: ada })).toMatchObject({ approver: ada });
  });

  it('needs no approval when the approver is the requester, whatever the case of the e-mail', () => {
    expect(orderParties({ subject: 'ADA@example.com', approver: ada })).toMatchObject({ approver: null });
  });

  it('refuses an order for approval when nobody could tell the requester the outcome', () => {
    expect(orderParties({ subject: 'user-42', approver: ada })).toEqual({
      error: 'An order for approval needs the requester e-mail (requester.email)',
    });
    expect(
      orderParties({
        subject: 'user-42',
        requester: { name: 'Bob', email: 'bob@example.com' },
        approver: ada,
      }),
    ).toMatchObject({ requester: { name: 'Bob', email: 'bob@example.com' }, approver: ada });
  });
});

describe(mayDecide.name, () => {
  const approver = { name: 'Ada', email: 'ada@example.com' };

  it('lets the named approver and operators decide, and nobody else', () => {
    expect(mayDecide({ role: 'billing', subject: 'Ada@Example.com' }, approver)).toBe(true);
    expect(mayDecide({ role: 'operator', subject: 'ops@platform.example' }, approver)).toBe(true);
    expect(mayDecide({ role: 'owner', subject: 'bob@example.com' }, approver)).toBe(false);
  });
});

describe(bankReference.name, () => {
  it('derives a short upper-case reference from the order id', () => {
    expect(bankReference('ord_0a1b2c3d4e5f6a7b8c9d')).toBe('SMS-0A1B2C3D4E');
  });
});

describe(scheduledInstant.name, () => {
  it("reads a bare date as midnight in the account's time zone", () => {
    expect(scheduledInstant('2026-03-01', 'Europe/Rome')).toBe('2026-02-28T23:00:00.000Z');
    expect(scheduledInstant('2026-07-01', 'Europe/Rome')).toBe('2026-06-30T22:00:00.000Z');
  });

  it('takes an instant with its offset as given', () => {
    expect(scheduledInstant('2026-03-01T10:00:00+02:00', 'Europe/Rome')).toBe('2026-03-01T08:00:00.000Z');
  });

  it('answers null for something that is not a date', () => {
    expect(scheduledInstant('2026-02-30', 'Europe/Rome')).toBeNull();
    expect(scheduledInstant('tomorrow', 'Europe/Rome')).toBeNull();
  });
});
