import { Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { BalanceMonitorsConfiguredEvent } from '@sms/contracts';
import type { InboundEvent } from '@sms/messaging';
import { UnitOfWork } from '@sms/persistence';
import type { Account } from '../accounts/account';
import { AccountRepository } from '../accounts/account.repository';
import { RateCardRepository } from '../rates/rate-card.repository';
import { BalanceSignals } from './balance-signals.service';
import type { Monitor, MonitorPurpose } from './monitor.entity';
import { MonitorRepository } from './monitor.repository';

@Injectable()
export class MonitorsService {
  constructor(
    private readonly em: EntityManager,
    private readonly unitOfWork: UnitOfWork,
    private readonly accounts: AccountRepository,
    private readonly monitors: MonitorRepository,
    private readonly rateCards: RateCardRepository,
    private readonly signals: BalanceSignals,
  ) {}

  list(accountId: string): Promise<Monitor[]> {
    return this.monitors.forAccounts(this.em.fork(), [accountId]);
  }

  // From the API: the account must exist.
  async replace(options: {
    accountId: string;
    purpose: MonitorPurpose;
    levels: number[];
  }): Promise<Monitor[]> {
    return this.unitOfWork.run(async (tx) => {
      const account = (await this.accounts.lock(tx, [options.accountId])).get(options.accountId);
      if (account === undefined) {
        throw new NotFoundException(`Account ${options.accountId} not found`);
      }
      return this.replaceLevels(tx, { ...options, account });
    });
  }

  // Billing (auto top-up) and the notifier declare their levels; each (account, purpose) set is
  // replaced as a whole. An account not created yet gets its levels armed from a zero balance and
  // announces nothing: there is no balance to be low yet.
  async configure(events: readonly InboundEvent<BalanceMonitorsConfiguredEvent>[]): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      for (const { payload } of events) {
        const account = (await this.accounts.lock(tx, [payload.accountId])).get(payload.accountId);
        await this.replaceLevels(tx, {
          accountId: payload.accountId,
          purpose: payload.purpose,
          levels: payload.levelsMillicredits,
          account,
        });
      }
    });
  }

  private async replaceLevels(
    tx: EntityManager,
    options: {
      accountId: string;
      purpose: MonitorPurpose;
      levels: readonly number[];
      account: Account | undefined;
    },
  ): Promise<Monitor[]> {
    const { monitors, crossed } = await this.monitors.replace(tx, {
      accountId: options.accountId,
      purpose: options.purpose,
      levels: options.levels,
      balance: options.account?.balanceMillicredits ?? 0,
    });
    if (options.account === undefined || crossed.length === 0) {
      return monitors;
    }
    const card = await this.rateCards.load(tx);
    await this.signals.announceCrossed(tx, { account: options.account, crossed, card });
    return monitors;
  }
}
