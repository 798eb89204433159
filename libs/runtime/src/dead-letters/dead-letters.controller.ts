import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, CurrentPrincipal, type Principal, Roles } from '@sms/auth';
import { DeadLetterReprocessor } from '@sms/messaging';
import {
  DeadLetterPageDto,
  DeadLetterPageQueryDto,
  DeadLetterTopicDto,
  ReplayDeadLettersDto,
  ReplayResultDto,
} from './dead-letter.dto';

// The service's dead-letter topics, for operators: what it could not apply and why, and a replay that
// re-processes records through the service's own handler. Each consuming service registers it.
@ApiTags('operator')
@ApiAuth()
@Controller('ops/dead-letters')
export class DeadLettersController {
  constructor(private readonly reprocessor: DeadLetterReprocessor) {}

  @Get()
  @Roles('operator')
  @ApiOperation({ summary: 'Dead-letter topics of this service, with how many records each holds' })
  @ApiOkResponse({ type: [DeadLetterTopicDto] })
  topics(): Promise<DeadLetterTopicDto[]> {
    return this.reprocessor.summary();
  }

  @Get(':topic')
  @Roles('operator')
  @ApiOperation({ summary: 'Records of the dead-letter topic of one consumed topic, oldest first' })
  @ApiOkResponse({ type: DeadLetterPageDto })
  async records(
    @Param('topic') topic: string,
    @Query() query: DeadLetterPageQueryDto,
  ): Promise<DeadLetterPageDto> {
    this.requireHandled(topic);
    return this.reprocessor.page(topic, { skip: query.skip ?? 0, take: query.limit ?? 50 });
  }

  @Post(':topic/replay')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({
    summary: 'Re-process dead letters (all, or one by partition and offset) through this service',
  })
  @ApiOkResponse({ type: ReplayResultDto })
  async replay(
    @Param('topic') topic: string,
    @Body() dto: ReplayDeadLettersDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReplayResultDto> {
    this.requireHandled(topic);
    if ((dto.partition === undefined) !== (dto.offset === undefined)) {
      throw new BadRequestException(
        'give both partition and offset to replay one record, or neither for all',
      );
    }
    const only =
      dto.partition !== undefined && dto.offset !== undefined
        ? { partition: dto.partition, offset: dto.offset }
        : undefined;
    const items = await this.reprocessor.replay({ topic, only, operator: principal.subject });
    if (items === undefined) {
      throw new NotFoundException(`No dead letter at ${dto.partition}:${dto.offset} for ${topic}`);
    }
    return {
      items,
      applied: items.filter((i) => i.outcome === 'applied').length,
      failed: items.filter((i) => i.outcome === 'failed').length,
    };
  }

  private requireHandled(topic: string): void {
    if (!this.reprocessor.handles(topic)) {
      throw new NotFoundException(`This service consumes no topic ${topic}`);
    }
  }
}
