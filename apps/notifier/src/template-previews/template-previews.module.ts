import { Module } from '@nestjs/common';
import { NoticesCoreModule } from '../notices/notices-core.module';
import { TemplatesController } from './template-previews.controller';

@Module({
  imports: [NoticesCoreModule],
  controllers: [TemplatesController],
})
export class TemplatePreviewsModule {}
