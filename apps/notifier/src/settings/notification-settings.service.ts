import { Injectable, NotFoundException, Inject } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { BalanceMonitorsConfigured, CREDIT_SCALE, eventEnvelope } from '@sms/contracts';
import { Outbox } from '@sms/messaging';
import { UnitOfWork } from '@sms/persistence';
import { CLOCK, type Clock } from '@sms/runtime';
import type { NotificationSettingsInput } from './dto/notification-settings.dto';
import { RECIPIENT_GROUPS, type NotificationSettings, type Recipients } from './notification-settings';
import { NotificationSettingsRepository } from './notification-settings.repository';

@Injectable()
export class NotificationSettingsService {
  constructor(
    private readonly em: EntityManager,
    private readonly unitOfWork: UnitOfWork,
    private readonly repository: NotificationSettingsRepository,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async get(accountId: string): Promise<NotificationSettings> {
    const settings = await this.repository.find(this.em, accountId);
    if (!settings) {
      throw new NotFoundException(`No notification settings for account ${accountId}`);
    }
    return settings;
  }

  // Saves the settings and, in the same transaction, tells the ledger which levels to watch for this
  // account (the set replaces the previous one), so the two never disagree for long.
  async save(accountId: string, input: NotificationSettingsInput): Promise<NotificationSettings> {
    const recipients = Object.fromEntries(
      RECIPIENT_GROUPS.map((group) => [group, normalise(input.recipients[group] ?? [])]),
    ) as Recipients;
    // The API speaks millicredits; the levels people choose are whole credits, stored as such.
    const levels = [...new Set(input.lowBalanceLevelsMillicredits)]
      .sort((a, b) => b - a)
      .map((millicredits) => millicredits / CREDIT_SCALE);
    const saved = await this.em.transactional(async (tx) => {
      const row = await this.repository.save(tx, {
        accountId,
        recipients,
        lowBalanceLevelsCredits: levels,
        dailyReminder: input.dailyReminder,
        language: input.language,
        timeZone: input.timeZone,
      });
      await this.outbox.add(tx, BalanceMonitorsConfigured, [
        {
          ...eventEnvelope(this.clock.now()),
          accountId,
          purpose: 'low_balance_notice',
          levelsMillicredits: levels.map((credits) => credits * CREDIT_SCALE),
        },
      ]);
      return row;
    });
    return saved;
  }
}

function normalise(addresses: string[]): string[] {
  return [...new Set(addresses.map((address) => address.trim().toLowerCase()))];
}
