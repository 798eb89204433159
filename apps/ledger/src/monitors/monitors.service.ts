import { Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { BalanceMonitorsConfiguredEvent } from '@sms/contracts';
import type { InboundEvent } from '@sms/messaging';
import { AccountRepository } from '../accounts/account.repository';
import { Monitor, MonitorPurpose, MonitorRepository } from './monitor.repository';

@Injectable()
export class MonitorsService {
  constructor(
    private readonly em: EntityManager,
    private readonly accounts: AccountRepository,
    private readonly monitors: MonitorRepository,
  ) {}

  list(accountId: string): Promise<Monitor[]> {
    return this.monitors.forAccounts(this.em.fork(), [accountId]);
  }

  // From the API: the account must exist.
  replace(options: { accountId: string; purpose: MonitorPurpose; levels: number[] }): Promise<Monitor[]> {
    return this.em.transactional(async (tx) => {
      const account = (await this.accounts.lock(tx, [options.accountId])).get(options.accountId);
      if (account === undefined) {
        throw new NotFoundException(`Account ${options.accountId} not found`);
      }
      return this.monitors.replace(tx, { ...options, balance: account.balanceMillicredits });
    });
  }

  // Billing (auto top-up) and the notifier declare their levels; each (account, purpose) set is
  // replaced as a whole. An account not created yet gets its levels armed from a zero balance.
  async configure(events: readonly InboundEvent<BalanceMonitorsConfiguredEvent>[]): Promise<void> {
    await this.em.transactional(async (tx) => {
      for (const { payload } of events) {
        const account = (await this.accounts.lock(tx, [payload.accountId])).get(payload.accountId);
        await this.monitors.replace(tx, {
          accountId: payload.accountId,
          purpose: payload.purpose,
          levels: payload.levelsMillicredits,
          balance: account?.balanceMillicredits ?? 0,
        });
      }
    });
  }
}
