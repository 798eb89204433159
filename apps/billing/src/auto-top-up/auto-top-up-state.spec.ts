import {
  afterCredited,
  type AutoTopUpSettings,
  chargeInFlight,
  chargesOnBalanceLow,
  inFlightOrderId,
  limitReached,
  monitorLevelsMillicredits,
  offAfterDecline,
  rearmOnRecovery,
  rechargeAllowed,
  rechargeWindowStart,
  settingsAfterSave,
} from './auto-top-up-state';

const ARMED_AT = '2026-03-01T10:00:00.000Z';

const settings = (overrides: Partial<AutoTopUpSettings> = {}): AutoTopUpSettings => ({
  accountId: 'acc_1',
  enabled: true,
  thresholdCredits: 5_000,
  creditsToAdd: 20_000,
  paymentMethodId: 'pm_1',
  maxRechargesPer30Days: 2,
  state: 'armed',
  armedAt: ARMED_AT,
  currentOrderId: null,
  disabledReason: null,
  ...overrides,
});

const low = (balanceMillicredits: number, occurredAt = '2026-03-01T11:00:00.000Z') => ({
  occurredAt,
  balanceMillicredits,
});

describe(chargesOnBalanceLow.name, () => {
  it('charges an armed, enabled rule when the balance is below its threshold', () => {
    expect(chargesOnBalanceLow(settings(), low(4_999_999))).toBe(true);
  });

  it('does not charge at the threshold itself', () => {
    expect(chargesOnBalanceLow(settings(), low(5_000_000))).toBe(false);
  });

  it('charges once per dip: a top-up in flight or a reached limit ignores further balance.low', () => {
    expect(chargesOnBalanceLow(settings({ state: 'in_flight', currentOrderId: 'ord_1' }), low(0))).toBe(
      false,
    );
    expect(chargesOnBalanceLow(settings({ state: 'limit_reached' }), low(0))).toBe(false);
  });

  it('ignores a balance.low older than the arming, which belongs to a dip already handled', () => {
    expect(chargesOnBalanceLow(settings(), low(0, '2026-03-01T09:59:59.999Z'))).toBe(false);
  });

  it('never charges for an account without settings or with auto top-up off', () => {
    expect(chargesOnBalanceLow(null, low(0))).toBe(false);
    expect(chargesOnBalanceLow(settings({ enabled: false }), low(0))).toBe(false);
  });
});

describe(rearmOnRecovery.name, () => {
  const recovered = { occurredAt: '2026-03-02T08:00:00.000Z', inFlightOrderStatus: null };

  it('re-arms a rule that reached its limit once the balance recovers', () => {
    expect(rearmOnRecovery(settings({ state: 'limit_reached' }), recovered)).toEqual(
      settings({ state: 'armed', armedAt: recovered.occurredAt }),
    );
  });

  it('keeps a top-up that is still being charged or paid counting for its dip', () => {
    const inFlight = settings({ state: 'in_flight', currentOrderId: 'ord_1' });
    expect(rearmOnRecovery(inFlight, { ...recovered, inFlightOrderStatus: 'awaiting_payment' })).toBeNull();
    expect(rearmOnRecovery(inFlight, { ...recovered, inFlightOrderStatus: 'paid' })).toBeNull();
  });

  it('re-arms when the top-up in flight ended without credits', () => {
    const inFlight = settings({ state: 'in_flight', currentOrderId: 'ord_1' });
    expect(rearmOnRecovery(inFlight, { ...recovered, inFlightOrderStatus: 'failed' })).toEqual(
      settings({ state: 'armed', armedAt: recovered.occurredAt, currentOrderId: null }),
    );
  });

  it('changes nothing for a rule that is already armed', () => {
    expect(rearmOnRecovery(settings(), recovered)).toBeNull();
  });
});

describe(inFlightOrderId.name, () => {
  it('names the order only while a top-up is in flight', () => {
    expect(inFlightOrderId(settings({ state: 'in_flight', currentOrderId: 'ord_1' }))).toBe('ord_1');
    expect(inFlightOrderId(settings({ state: 'limit_reached', currentOrderId: 'ord_1' }))).toBeNull();
  });
});

describe(afterCredited.name, () => {
  const inFlight = settings({ state: 'in_flight', currentOrderId: 'ord_1' });
  const credited = (balanceMillicredits: number) => ({
    orderId: 'ord_1',
    occurredAt: '2026-03-01T11:05:00.000Z',
    balanceMillicredits,
  });

  it('re-arms from the moment the credits landed, without a second charge above the threshold', () => {
    expect(afterCredited(inFlight, credited(25_000_000))).toEqual({
      settings: settings({ armedAt: '2026-03-01T11:05:00.000Z' }),
      chargeAgain: false,
    });
  });

  it('charges again at once when one recharge did not lift the balance above the threshold', () => {
    expect(afterCredited(inFlight, credited(4_000_000))?.chargeAgain).toBe(true);
  });

  it('does not charge again for a rule switched off meanwhile', () => {
    expect(afterCredited({ ...inFlight, enabled: false }, credited(0))?.chargeAgain).toBe(false);
  });

  it("ignores an order that is not the rule's top-up", () => {
    expect(afterCredited(inFlight, { ...credited(0), orderId: 'ord_other' })).toBeNull();
    expect(afterCredited(null, credited(0))).toBeNull();
  });
});

describe(rechargeAllowed.name, () => {
  it('allows recharges up to the 30-day limit and no more', () => {
    expect(rechargeAllowed(settings({ maxRechargesPer30Days: 2 }), 1)).toBe(true);
    expect(rechargeAllowed(settings({ maxRechargesPer30Days: 2 }), 2)).toBe(false);
  });

  it('moves to limit_reached and, when charged, to in flight with its order', () => {
    expect(limitReached(settings()).state).toBe('limit_reached');
    expect(chargeInFlight(settings(), 'ord_9')).toEqual(
      settings({ state: 'in_flight', currentOrderId: 'ord_9' }),
    );
  });
});

describe(rechargeWindowStart.name, () => {
  it('counts back exactly 30 days', () => {
    expect(rechargeWindowStart(new Date('2026-03-31T12:00:00.000Z')).toISOString()).toBe(
      '2026-03-01T12:00:00.000Z',
    );
  });
});

describe(offAfterDecline.name, () => {
  it('switches auto top-up off with the card decline as the reason, ready to re-arm once back on', () => {
    const inFlight = settings({ state: 'in_flight', currentOrderId: 'ord_1' });
    expect(offAfterDecline(inFlight, { orderId: 'ord_1', code: 'card_declined' })).toEqual(
      settings({ enabled: false, disabledReason: 'payment failed: card_declined' }),
    );
  });

  it('leaves the rule alone when the failed order is not its top-up', () => {
    expect(offAfterDecline(settings(), { orderId: 'ord_1', code: 'card_declined' })).toBeNull();
  });
});

describe(settingsAfterSave.name, () => {
  const now = new Date('2026-03-05T09:00:00.000Z');
  const saved = {
    accountId: 'acc_1',
    enabled: true,
    thresholdCredits: 5_000,
    creditsToAdd: 20_000,
    paymentMethodId: 'pm_1',
    maxRechargesPer30Days: 2,
  };

  it('arms a first save from now', () => {
    expect(settingsAfterSave({ previous: null, saved, now })).toEqual(
      settings({ armedAt: now.toISOString() }),
    );
  });

  it('re-arms when switched back on after a decline, clearing the reason', () => {
    const off = settings({ enabled: false, disabledReason: 'payment failed: card_declined' });
    expect(settingsAfterSave({ previous: off, saved, now })).toEqual(
      settings({ armedAt: now.toISOString() }),
    );
  });

  it('keeps a top-up in flight when the settings change during a dip', () => {
    const inFlight = settings({ state: 'in_flight', currentOrderId: 'ord_1' });
    expect(settingsAfterSave({ previous: inFlight, saved: { ...saved, creditsToAdd: 30_000 }, now })).toEqual(
      { ...inFlight, creditsToAdd: 30_000 },
    );
  });

  it('keeps the decline reason when saved off, and says "turned off" otherwise', () => {
    const declined = settings({ enabled: false, disabledReason: 'payment failed: expired_card' });
    expect(
      settingsAfterSave({ previous: declined, saved: { ...saved, enabled: false }, now }).disabledReason,
    ).toBe('payment failed: expired_card');
    expect(
      settingsAfterSave({ previous: settings(), saved: { ...saved, enabled: false }, now }).disabledReason,
    ).toBe('turned off');
  });
});

describe(monitorLevelsMillicredits.name, () => {
  it('watches the threshold in millicredits while on, and nothing while off', () => {
    expect(monitorLevelsMillicredits(settings())).toEqual([5_000_000]);
    expect(monitorLevelsMillicredits(settings({ enabled: false }))).toEqual([]);
  });
});
