import { Module } from '@nestjs/common';
import { AccountRepository } from '../accounts/account.repository';
import { ChargeRepository } from '../charging/charge.repository';
import { LotRepository } from '../grants/lot.repository';
import { HoldRepository } from '../holds/hold.repository';
import { JournalWriter } from '../journal/journal.writer';
import { ListAllocationRepository } from '../lists/list-allocation.repository';
import { BalanceSignals } from '../monitors/balance-signals.service';
import { MonitorRepository } from '../monitors/monitor.repository';
import { RateCardRepository } from '../rates/rate-card.repository';

// The ledger's data access and the two things every balance change goes through (the journal and
// the balance signals). Feature modules import this instead of each other, so there are no cycles.
const shared = [
  AccountRepository,
  ChargeRepository,
  LotRepository,
  HoldRepository,
  ListAllocationRepository,
  MonitorRepository,
  RateCardRepository,
  JournalWriter,
  BalanceSignals,
];

@Module({ providers: shared, exports: shared })
export class LedgerStoreModule {}
