import { Module } from '@nestjs/common';
import { ListsModule } from '../lists/lists.module';
import { LotsModule } from '../lots/lots.module';
import { RatesModule } from '../rates/rates.module';
import { AccountRepository } from './account.repository';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { BalanceService } from './balance.service';

@Module({
  imports: [LotsModule, ListsModule, RatesModule],
  controllers: [AccountsController],
  providers: [AccountsService, BalanceService, AccountRepository],
  exports: [AccountRepository],
})
export class AccountsModule {}
