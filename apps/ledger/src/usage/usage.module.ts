import { Module } from '@nestjs/common';
import { UsageExportService } from './usage-export.service';
import { UsageController } from './usage.controller';
import { UsageRepository } from './usage.repository';
import { UsageService } from './usage.service';

@Module({
  controllers: [UsageController],
  providers: [UsageRepository, UsageService, UsageExportService],
})
export class UsageModule {}
