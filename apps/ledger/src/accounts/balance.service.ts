import { Injectable, NotFoundException, Inject } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { CLOCK, type Clock } from '@sms/runtime';
import { LotRepository } from '../lots/lot.repository';
import { ListAllocationRepository } from '../lists/list-allocation.repository';
import { estimatedSmsLeft, rateFor } from '../rates/rate-card';
import { RateCardRepository } from '../rates/rate-card.repository';
import { AccountRepository } from './account.repository';
import type { BalanceBreakdownResponse } from './dto/account-response.dto';

const EXPIRING_WINDOW_MS = 30 * 86_400_000;

export interface AvailableBalance {
  accountId: string;
  availableMillicredits: number;
}

@Injectable()
export class BalanceService {
  constructor(
    private readonly em: EntityManager,
    private readonly accounts: AccountRepository,
    private readonly lots: LotRepository,
    private readonly lists: ListAllocationRepository,
    private readonly rateCards: RateCardRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async available(accountId: string): Promise<AvailableBalance> {
    const account = await this.accounts.find(this.em.fork(), accountId);
    if (account === null) {
      throw new NotFoundException(`Account ${accountId} not found`);
    }
    return { accountId, availableMillicredits: account.balanceMillicredits - account.heldMillicredits };
  }

  async breakdown(accountId: string, country?: string): Promise<BalanceBreakdownResponse> {
    const em = this.em.fork();
    const account = await this.accounts.find(em, accountId);
    if (account === null) {
      throw new NotFoundException(`Account ${accountId} not found`);
    }
    const [lots, allocations, card] = await Promise.all([
      this.lots.active(em, accountId),
      this.lists.forAccount(em, accountId),
      this.rateCards.load(em),
    ]);
    const available = account.balanceMillicredits - account.heldMillicredits;
    const horizon = this.clock.now().getTime() + EXPIRING_WINDOW_MS;
    const estimate = (target: string) => ({
      country: target,
      millicreditsPerSegment: rateFor(card, target),
      estimatedSmsLeft: estimatedSmsLeft(card, target, available),
    });
    return {
      accountId,
      balanceMillicredits: account.balanceMillicredits,
      heldMillicredits: account.heldMillicredits,
      availableMillicredits: available,
      deficitMillicredits: Math.max(0, -account.balanceMillicredits),
      lots: lots.map((lot) => ({
        lotId: lot.id,
        source: lot.source,
        grantedMillicredits: lot.grantedMillicredits,
        remainingMillicredits: lot.remainingMillicredits,
        expiryDate: lot.expiryDate,
        expiresAt: lot.expiresAt === null ? null : new Date(lot.expiresAt).toISOString(),
      })),
      lists: { mode: account.listMode, allocations },
      expiringWithin30DaysMillicredits: lots
        .filter((lot) => lot.expiresAt !== null && new Date(lot.expiresAt).getTime() <= horizon)
        .reduce((sum, lot) => sum + lot.remainingMillicredits, 0),
      home: estimate(account.homeCountry),
      ...(country !== undefined ? { chosen: estimate(country) } : {}),
    };
  }
}
