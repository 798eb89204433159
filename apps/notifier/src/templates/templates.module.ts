import { Module } from '@nestjs/common';
import { NoticesCoreModule } from '../notices/notices-core.module';
import { TemplatesController } from './templates.controller';

@Module({
  imports: [NoticesCoreModule],
  controllers: [TemplatesController],
})
export class TemplatesModule {}
