import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { JobScheduler } from '@sms/scheduling';
import { LEDGER_CONFIG, LedgerConfig } from '../config/ledger.config';
import { HoldsService } from '../holds/holds.service';
import { EXPIRY_JOB, ExpiryService } from './expiry.service';

// The ledger's scheduled work on every replica; each job's advisory lock lets one replica run it at a
// time. Expiry takes its lock inside its own transaction (a manual run takes the same one).
@Injectable()
export class LedgerScheduler implements OnApplicationBootstrap {
  constructor(
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    private readonly scheduler: JobScheduler,
    private readonly expiry: ExpiryService,
    private readonly holds: HoldsService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.LEDGER_SCHEDULER_ENABLED) {
      return;
    }
    this.scheduler.register({
      name: EXPIRY_JOB,
      intervalMs: this.config.LEDGER_EXPIRY_INTERVAL_MS,
      lockedBy: 'job',
      run: () => this.expiry.run(),
    });
    this.scheduler.register({
      name: 'ledger.job.hold-sweep',
      intervalMs: this.config.LEDGER_HOLD_SWEEP_INTERVAL_MS,
      run: () => this.holds.expireDue(),
    });
  }
}
