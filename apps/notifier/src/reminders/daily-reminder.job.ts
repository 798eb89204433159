import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { UnitOfWork } from '@sms/persistence';
import { CLOCK, type Clock } from '@sms/runtime';
import { JobScheduler } from '@sms/scheduling';
import { NOTIFIER_CONFIG, type NotifierConfig } from '../config/notifier.config';
import type { NewDelivery } from '../delivery/delivery';
import { DeliveryRepository } from '../delivery/delivery.repository';
import { DeliverySender } from '../delivery/delivery-sender';
import { LowBalanceStateRepository } from '../notices/low-balance-state.repository';
import { NoticeComposer } from '../notices/notice-composer';
import { lowBalanceReminderModel } from '../notices/notice-models';
import { NotificationSettingsRepository } from '../settings/notification-settings.repository';
import { reminderDueOn } from './reminder-schedule';

export interface ReminderRun {
  asOf: string;
  reminders: number;
  emails: number;
}

// While a balance stays below a level, reminds the low-balance recipients at most once per local
// day, at REMINDER_LOCAL_HOUR in the account's time zone [001][004]. balance.recovered clears the
// state, which stops the reminders. The delivery row's event id is reminder:<account>:<level>:<day>,
// so even a manual run overlapping the scheduled one cannot send the same day's reminder twice.
@Injectable()
export class DailyReminderJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(DailyReminderJob.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly scheduler: JobScheduler,
    private readonly states: LowBalanceStateRepository,
    private readonly settings: NotificationSettingsRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly composer: NoticeComposer,
    private readonly sender: DeliverySender,
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.REMINDER_INTERVAL_MS > 0) {
      this.scheduler.register({
        name: 'notifier.job.daily-reminders',
        intervalMs: this.config.REMINDER_INTERVAL_MS,
        run: () => this.run(),
      });
    }
  }

  async run(asOf: Date = this.clock.now()): Promise<ReminderRun> {
    const result = await this.unitOfWork.run(async (tx) => {
      const below = await this.states.lockBelowWithReminders(tx);
      const settings = await this.settings.findMany(
        tx,
        below.map((level) => level.accountId),
      );
      const rows: NewDelivery[] = [];
      const reminded: { accountId: string; levelMillicredits: number; localDate: string }[] = [];
      for (const level of below) {
        const account = settings.get(level.accountId);
        if (!account) {
          continue;
        }
        const day = reminderDueOn({
          asOf,
          timeZone: account.timeZone,
          reminderHour: this.config.REMINDER_LOCAL_HOUR,
          lastNoticeDate: level.lastNoticeDate,
          belowSince: level.belowSince,
        });
        if (day === null) {
          continue;
        }
        reminded.push({
          accountId: level.accountId,
          levelMillicredits: level.levelMillicredits,
          localDate: day,
        });
        rows.push(
          ...this.composer.compose({
            eventId: `reminder:${level.accountId}:${level.levelMillicredits}:${day}`,
            kind: 'low_balance_reminder',
            settings: account,
            recipients: account.recipients.lowBalance,
            model: lowBalanceReminderModel(level, this.composer.context(account)),
          }),
        );
      }
      await this.states.markReminded(tx, reminded);
      const emails = await this.deliveries.insert(tx, rows);
      return { reminders: reminded.length, emails };
    });
    if (result.emails > 0) {
      this.sender.nudge();
      this.logger.log({ message: 'daily reminders queued', ...result });
    }
    return { asOf: asOf.toISOString(), ...result };
  }
}
