import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { JournalModule } from '../journal/journal.module';
import { LotsModule } from '../lots/lots.module';
import { MonitorsModule } from '../monitors/monitors.module';
import { RatesModule } from '../rates/rates.module';
import { AdjustmentRepository } from './adjustment.repository';
import { AdjustmentsController } from './adjustments.controller';
import { AdjustmentsService } from './adjustments.service';

@Module({
  imports: [AccountsModule, JournalModule, LotsModule, MonitorsModule, RatesModule],
  controllers: [AdjustmentsController],
  providers: [AdjustmentsService, AdjustmentRepository],
})
export class AdjustmentsModule {}
