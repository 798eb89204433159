import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AutoTopUpRule } from './auto-top-up-rule.entity';
import type { TopUpState } from './auto-top-up-state';

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

@Injectable()
export class AutoTopUpRepository {
  async find(
    em: EntityManager,
    accountId: string,
    options: { lock: boolean },
  ): Promise<AutoTopUpSettings | null> {
    const rule = await em.findOne(
      AutoTopUpRule,
      { accountId },
      options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : {},
    );
    return rule === null ? null : toSettings(rule);
  }

  // Inserts or replaces the account's settings, flushed at once like the rest of the transaction.
  async save(em: EntityManager, s: AutoTopUpSettings): Promise<AutoTopUpSettings> {
    const rule = await em.upsert(AutoTopUpRule, {
      ...s,
      armedAt: new Date(s.armedAt),
      updatedAt: new Date(),
    });
    await em.flush();
    return toSettings(rule);
  }
}

function toSettings(rule: AutoTopUpRule): AutoTopUpSettings {
  return {
    accountId: rule.accountId,
    enabled: rule.enabled,
    thresholdCredits: rule.thresholdCredits,
    creditsToAdd: rule.creditsToAdd,
    paymentMethodId: rule.paymentMethodId,
    maxRechargesPer30Days: rule.maxRechargesPer30Days,
    state: rule.state,
    armedAt: rule.armedAt.toISOString(),
    currentOrderId: rule.currentOrderId,
    disabledReason: rule.disabledReason,
  };
}
