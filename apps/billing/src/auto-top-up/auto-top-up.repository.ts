import { Inject, Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CLOCK, type Clock } from '@sms/runtime';
import { AutoTopUpRule } from './auto-top-up-rule.entity';
import type { AutoTopUpSettings } from './auto-top-up-state';

@Injectable()
export class AutoTopUpRepository {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

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
      updatedAt: this.clock.now(),
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
