import { randomUUID } from 'node:crypto';
import { Injectable, Inject } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { BalanceDepleted, BalanceLow, BalanceRecovered, eventEnvelope } from '@sms/contracts';
import type { BalanceDepletedEvent, BalanceLowEvent, BalanceRecoveredEvent } from '@sms/contracts';
import { Outbox } from '@sms/messaging';
import { CLOCK, type Clock } from '@sms/runtime';
import { AccountRepository } from '../accounts/account.repository';
import { estimatedSmsLeft, RateCard } from '../rates/rate-card';
import type { Account } from '../accounts/account';
import { depletionChanges, monitorCrossings } from './balance-crossings';
import type { Monitor } from './monitor.entity';
import { MonitorRepository } from './monitor.repository';

export interface BalanceChange {
  accountId: string;
  homeCountry: string;
  balanceBefore: number;
  balanceAfter: number;
  heldAfter: number;
  wasDepleted: boolean;
}

// Turns balance changes into balance.low / balance.recovered / balance.depleted, inside the
// transaction that made them (the rules are in balance-crossings.ts).
@Injectable()
export class BalanceSignals {
  constructor(
    private readonly monitors: MonitorRepository,
    private readonly accounts: AccountRepository,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async afterChanges(em: EntityManager, changes: readonly BalanceChange[], card: RateCard): Promise<number> {
    if (changes.length === 0) {
      return 0;
    }
    const byAccount = new Map(changes.map((change) => [change.accountId, change]));
    const monitors = await this.monitors.forAccounts(em, [...byAccount.keys()]);
    const now = this.clock.now().toISOString();
    const crossings = monitorCrossings({
      monitors,
      balances: new Map(changes.map((change) => [change.accountId, change.balanceAfter])),
    });
    const flips = crossings.map(({ monitor, direction }) => ({
      id: monitor.id,
      armed: direction === 'recovered',
    }));
    const events = crossings.map(({ monitor, direction }) => {
      const change = byAccount.get(monitor.accountId) as BalanceChange;
      const event = levelEvent({
        monitor,
        balance: change.balanceAfter,
        held: change.heldAfter,
        homeCountry: change.homeCountry,
        card,
        occurredAt: now,
      });
      return { direction, event };
    });
    const low: BalanceLowEvent[] = events.filter((e) => e.direction === 'low').map((e) => e.event);
    const recovered: BalanceRecoveredEvent[] = events
      .filter((e) => e.direction === 'recovered')
      .map((e) => e.event);
    const depletionFlips = depletionChanges(changes);
    const depletion = depletionFlips.map(({ accountId, depleted }) => ({ accountId, depleted }));
    const depleted: BalanceDepletedEvent[] = depletionFlips
      .filter((flip) => flip.depleted)
      .map((flip) => ({
        schemaVersion: 1,
        eventId: randomUUID(),
        occurredAt: now,
        accountId: flip.accountId,
        balanceMillicredits: flip.balance,
        availableMillicredits: flip.available,
      }));
    await this.monitors.setArmed(em, flips);
    await this.accounts.setDepleted(em, depletion);
    await this.outbox.add(em, BalanceLow, low);
    await this.outbox.add(em, BalanceRecovered, recovered);
    await this.outbox.add(em, BalanceDepleted, depleted);
    return low.length + recovered.length + depleted.length;
  }

  // Levels registered while the balance is already below them: each is a crossing of its own, so
  // balance.low goes out once for it (the monitor was stored disarmed, like any crossed level).
  async announceCrossed(
    em: EntityManager,
    input: { account: Account; crossed: readonly Monitor[]; card: RateCard },
  ): Promise<number> {
    const occurredAt = this.clock.now().toISOString();
    const low = input.crossed.map((monitor) =>
      levelEvent({
        monitor,
        balance: input.account.balanceMillicredits,
        held: input.account.heldMillicredits,
        homeCountry: input.account.homeCountry,
        card: input.card,
        occurredAt,
      }),
    );
    await this.outbox.add(em, BalanceLow, low);
    return low.length;
  }
}

function levelEvent(input: {
  monitor: Monitor;
  balance: number;
  held: number;
  homeCountry: string;
  card: RateCard;
  occurredAt: string;
}): BalanceLowEvent {
  const available = input.balance - input.held;
  return {
    ...eventEnvelope(input.occurredAt),
    accountId: input.monitor.accountId,
    monitorId: input.monitor.id,
    purpose: input.monitor.purpose,
    levelMillicredits: input.monitor.levelMillicredits,
    balanceMillicredits: input.balance,
    availableMillicredits: available,
    estimatedSmsLeft: estimatedSmsLeft(input.card, input.homeCountry, available),
  };
}
