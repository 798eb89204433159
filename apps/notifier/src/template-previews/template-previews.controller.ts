import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ACCOUNT_READERS, ApiAuth, Roles } from '@sms/auth';
import { NoticeComposer } from '../notices/notice-composer';
import { isNoticeKind, NOTICE_KINDS } from '../templates/notice-kind';
import { renderEmail } from '../templates/render-email';
import { sampleModel } from './notice-samples';
import { TemplatePreviewQuery, TemplatePreviewView } from './template-preview.dto';

const SAMPLE_ACCOUNT = { accountId: 'acc_sample', timeZone: 'Europe/Rome' };

@ApiTags('templates')
@ApiAuth()
// The class keeps its name: it is the operation id prefix in the published OpenAPI document.
@Controller('templates')
export class TemplatesController {
  constructor(private readonly composer: NoticeComposer) {}

  @Get(':kind/preview')
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: 'An email template rendered with sample data' })
  @ApiParam({ name: 'kind', enum: NOTICE_KINDS })
  @ApiOkResponse({ type: TemplatePreviewView })
  @ApiNotFoundResponse({ description: 'No template of that kind' })
  preview(@Param('kind') kind: string, @Query() query: TemplatePreviewQuery): TemplatePreviewView {
    if (!isNoticeKind(kind)) {
      throw new NotFoundException(`No template ${kind}; kinds: ${NOTICE_KINDS.join(', ')}`);
    }
    const language = query.lang ?? 'en';
    const model = sampleModel(kind, this.composer.context({ ...SAMPLE_ACCOUNT, language }));
    return { kind, language, ...renderEmail({ language, kind, model }) };
  }
}
