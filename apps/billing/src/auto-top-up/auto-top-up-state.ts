import { CREDIT_SCALE, type OrderStatusName } from '@sms/contracts';
import { belowThreshold } from './top-up-size';

// Where an account's auto top-up stands: "armed" means the next balance.low may charge; any other
// state means a top-up for the current dip is in flight or was refused by the 30-day limit.
export type TopUpState = 'armed' | 'in_flight' | 'limit_reached';

export interface AutoTopUpSettings {
  accountId: string;
  enabled: boolean;
  thresholdCredits: number;
  creditsToAdd: number;
  paymentMethodId: string;
  maxRechargesPer30Days: number;
  state: TopUpState;
  armedAt: string;
  currentOrderId: string | null;
  disabledReason: string | null;
}

// What GET answers: the saved settings, or for an account that never saved any, auto top-up off
// with nothing chosen yet (no card, no threshold).
export type AutoTopUpView = Omit<AutoTopUpSettings, 'paymentMethodId' | 'armedAt'> & {
  paymentMethodId: string | null;
  armedAt: string | null;
};

export function disabledAutoTopUp(accountId: string): AutoTopUpView {
  return {
    accountId,
    enabled: false,
    thresholdCredits: 0,
    creditsToAdd: 0,
    paymentMethodId: null,
    maxRechargesPer30Days: 0,
    state: 'armed',
    armedAt: null,
    currentOrderId: null,
    disabledReason: null,
  };
}

// The limit counts the automatic recharges of the last 30 days [001][003].
const RECHARGE_WINDOW_MS = 30 * 24 * 3600 * 1000;

export function rechargeWindowStart(now: Date): Date {
  return new Date(now.getTime() - RECHARGE_WINDOW_MS);
}

// The customer saved the settings. Switching on (or the first save) arms the rule from now; any
// other save keeps where the machine stands, so saving during a dip does not charge twice. Turning
// it off keeps the reason a decline gave, so the console can still say why.
export function settingsAfterSave(input: {
  previous: AutoTopUpSettings | null;
  saved: Pick<
    AutoTopUpSettings,
    | 'accountId'
    | 'enabled'
    | 'thresholdCredits'
    | 'creditsToAdd'
    | 'paymentMethodId'
    | 'maxRechargesPer30Days'
  >;
  now: Date;
}): AutoTopUpSettings {
  const { previous, saved } = input;
  const rearm = previous === null || (saved.enabled && !previous.enabled);
  return {
    ...saved,
    state: rearm ? 'armed' : previous.state,
    armedAt: rearm ? input.now.toISOString() : previous.armedAt,
    currentOrderId: previous?.currentOrderId ?? null,
    disabledReason: saved.enabled ? null : (previous?.disabledReason ?? 'turned off'),
  };
}

// One charge per dip: only an enabled, armed rule charges, and only for a balance below its
// threshold. A balance.low older than the arming belongs to a dip already handled.
export function chargesOnBalanceLow(
  settings: AutoTopUpSettings | null,
  event: { occurredAt: string; balanceMillicredits: number },
): settings is AutoTopUpSettings {
  if (settings === null || !settings.enabled || settings.state !== 'armed') {
    return false;
  }
  if (Date.parse(event.occurredAt) < Date.parse(settings.armedAt)) {
    return false;
  }
  return belowThreshold({
    balanceMillicredits: event.balanceMillicredits,
    thresholdCredits: settings.thresholdCredits,
  });
}

// Whether deciding on a recovery needs the status of the order in flight.
export function inFlightOrderId(settings: AutoTopUpSettings): string | null {
  return settings.state === 'in_flight' ? settings.currentOrderId : null;
}

// The balance is back above the threshold: the next dip may charge again, unless a top-up is still
// being charged (it counts for the dip it was started for). Null: nothing changes.
export function rearmOnRecovery(
  settings: AutoTopUpSettings,
  recovery: { occurredAt: string; inFlightOrderStatus: OrderStatusName | null },
): AutoTopUpSettings | null {
  if (settings.state === 'armed') {
    return null;
  }
  const status = recovery.inFlightOrderStatus;
  if (settings.state === 'in_flight' && (status === 'awaiting_payment' || status === 'paid')) {
    return null;
  }
  return { ...settings, state: 'armed', armedAt: recovery.occurredAt, currentOrderId: null };
}

// A top-up landed: the rule is armed again. When the balance after it is still below the threshold
// the dip is deeper than one recharge, and the next one follows at once (the ledger's monitor stays
// below its level, so no new balance.low would come). Null: the order is not this rule's top-up.
export function afterCredited(
  settings: AutoTopUpSettings | null,
  credited: { orderId: string; occurredAt: string; balanceMillicredits: number },
): { settings: AutoTopUpSettings; chargeAgain: boolean } | null {
  if (settings === null || settings.currentOrderId !== credited.orderId) {
    return null;
  }
  const armed: AutoTopUpSettings = {
    ...settings,
    state: 'armed',
    armedAt: credited.occurredAt,
    currentOrderId: null,
  };
  return {
    settings: armed,
    chargeAgain:
      armed.enabled &&
      belowThreshold({
        balanceMillicredits: credited.balanceMillicredits,
        thresholdCredits: armed.thresholdCredits,
      }),
  };
}

// A charge is allowed while the last 30 days hold fewer automatic recharges than the limit;
// otherwise the rule waits in limit_reached until the balance recovers.
export function rechargeAllowed(settings: AutoTopUpSettings, rechargesInWindow: number): boolean {
  return rechargesInWindow < settings.maxRechargesPer30Days;
}

export function limitReached(settings: AutoTopUpSettings): AutoTopUpSettings {
  return { ...settings, state: 'limit_reached' };
}

export function limitReachedReason(settings: AutoTopUpSettings, rechargesInWindow: number): string {
  return `Auto top-up skipped: ${rechargesInWindow} automatic recharges in the last 30 days (limit ${settings.maxRechargesPer30Days})`;
}

export function chargeInFlight(settings: AutoTopUpSettings, orderId: string): AutoTopUpSettings {
  return { ...settings, state: 'in_flight', currentOrderId: orderId };
}

// A refused card switches auto top-up off until the customer updates the card [001][003]. Null: the
// failed order is not this rule's top-up.
export function offAfterDecline(
  settings: AutoTopUpSettings | null,
  failure: { orderId: string; code: string },
): AutoTopUpSettings | null {
  if (settings === null || settings.currentOrderId !== failure.orderId) {
    return null;
  }
  return {
    ...settings,
    enabled: false,
    state: 'armed',
    currentOrderId: null,
    disabledReason: `payment failed: ${failure.code}`,
  };
}

// The level the ledger watches for this rule: none while it is off.
export function monitorLevelsMillicredits(settings: AutoTopUpSettings): number[] {
  return settings.enabled ? [settings.thresholdCredits * CREDIT_SCALE] : [];
}
