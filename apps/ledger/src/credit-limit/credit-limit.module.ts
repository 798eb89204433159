import { Module } from '@nestjs/common';
import { CreditLimitController } from './credit-limit.controller';
import { CreditLimitRepository } from './credit-limit.repository';
import { CreditLimitService } from './credit-limit.service';

@Module({
  controllers: [CreditLimitController],
  providers: [CreditLimitService, CreditLimitRepository],
})
export class CreditLimitModule {}
