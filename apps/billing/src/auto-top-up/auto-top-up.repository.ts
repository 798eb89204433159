import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { readBigint } from '@sms/persistence';

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

interface Row {
  account_id: string;
  enabled: boolean;
  threshold_credits: string;
  credits_to_add: string;
  payment_method_id: string;
  max_recharges_per_30_days: number;
  state: TopUpState;
  armed_at: Date;
  current_order_id: string | null;
  disabled_reason: string | null;
}

const COLUMNS = `account_id, enabled, threshold_credits, credits_to_add, payment_method_id,
  max_recharges_per_30_days, state, armed_at, current_order_id, disabled_reason`;

@Injectable()
export class AutoTopUpRepository {
  async find(
    em: EntityManager,
    accountId: string,
    options: { lock: boolean },
  ): Promise<AutoTopUpSettings | null> {
    const [row] = await em.execute<Row[]>(
      `select ${COLUMNS} from billing.auto_top_up where account_id = ? ${options.lock ? 'for update' : ''}`,
      [accountId],
    );
    return row === undefined ? null : toSettings(row);
  }

  async save(em: EntityManager, s: AutoTopUpSettings): Promise<AutoTopUpSettings> {
    const [row] = await em.execute<Row[]>(
      `insert into billing.auto_top_up (${COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (account_id) do update set enabled = excluded.enabled,
         threshold_credits = excluded.threshold_credits, credits_to_add = excluded.credits_to_add,
         payment_method_id = excluded.payment_method_id,
         max_recharges_per_30_days = excluded.max_recharges_per_30_days, state = excluded.state,
         armed_at = excluded.armed_at, current_order_id = excluded.current_order_id,
         disabled_reason = excluded.disabled_reason, updated_at = now()
       returning ${COLUMNS}`,
      [
        s.accountId,
        s.enabled,
        s.thresholdCredits,
        s.creditsToAdd,
        s.paymentMethodId,
        s.maxRechargesPer30Days,
        s.state,
        s.armedAt,
        s.currentOrderId,
        s.disabledReason,
      ],
    );
    return toSettings(row);
  }
}

function toSettings(row: Row): AutoTopUpSettings {
  return {
    accountId: row.account_id,
    enabled: row.enabled,
    thresholdCredits: readBigint(row.threshold_credits),
    creditsToAdd: readBigint(row.credits_to_add),
    paymentMethodId: row.payment_method_id,
    maxRechargesPer30Days: row.max_recharges_per_30_days,
    state: row.state,
    armedAt: new Date(row.armed_at).toISOString(),
    currentOrderId: row.current_order_id,
    disabledReason: row.disabled_reason,
  };
}
