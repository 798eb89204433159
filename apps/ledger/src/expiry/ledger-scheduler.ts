import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  BeforeApplicationShutdown,
} from '@nestjs/common';
import { LEDGER_CONFIG, LedgerConfig } from '../config/ledger.config';
import { HoldsService } from '../holds/holds.service';
import { ExpiryService } from './expiry.service';

// Runs the expiry job and the hold sweeper on every replica; both are safe to overlap (advisory lock,
// skip locked), so no leader election is needed.
@Injectable()
export class LedgerScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LedgerScheduler.name);
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    private readonly expiry: ExpiryService,
    private readonly holds: HoldsService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.LEDGER_SCHEDULER_ENABLED) {
      return;
    }
    this.every(this.config.LEDGER_EXPIRY_INTERVAL_MS, 'expiry', () => this.expiry.run());
    this.every(this.config.LEDGER_HOLD_SWEEP_INTERVAL_MS, 'hold sweep', () => this.holds.expireDue());
  }

  beforeApplicationShutdown(): void {
    this.timers.forEach((timer) => clearInterval(timer));
  }

  private every(ms: number, job: string, run: () => Promise<unknown>): void {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) {
        return;
      }
      busy = true;
      run()
        .catch((error: unknown) =>
          this.logger.warn({ message: 'scheduled job failed', job, error: String(error) }),
        )
        .finally(() => {
          busy = false;
        });
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }
}
