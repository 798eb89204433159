import { Module } from '@nestjs/common';
import { LedgerStoreModule } from '../shared/ledger-store.module';
import { AdjustmentRepository } from './adjustment.repository';
import { AdjustmentsController } from './adjustments.controller';
import { AdjustmentsService } from './adjustments.service';

@Module({
  imports: [LedgerStoreModule],
  controllers: [AdjustmentsController],
  providers: [AdjustmentsService, AdjustmentRepository],
})
export class AdjustmentsModule {}
