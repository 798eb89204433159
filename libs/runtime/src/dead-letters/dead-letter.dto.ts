import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class DeadLetterTopicDto {
  @ApiProperty({ description: 'The topic the events were consumed from', example: 'sms.sent' })
  topic!: string;

  @ApiProperty({ example: 'ledger.sms.sent.dlq' })
  deadLetterTopic!: string;

  @ApiProperty({ description: 'Records on the dead-letter topic' })
  count!: number;
}

export class DeadLetterDto {
  @ApiProperty({ description: 'Partition of the dead-letter topic' })
  partition!: number;

  @ApiProperty({ description: 'Offset on the dead-letter topic (a 64-bit integer as text)' })
  offset!: string;

  @ApiProperty({ description: 'Why the service could not apply the event' })
  reason!: string;

  @ApiProperty()
  originalTopic!: string;

  @ApiProperty()
  originalPartition!: number;

  @ApiProperty()
  originalOffset!: string;

  @ApiProperty({ format: 'date-time' })
  failedAt!: string;

  @ApiProperty({ type: String, nullable: true })
  key!: string | null;

  @ApiProperty({ description: 'The event as it arrived, as text (possibly not valid JSON)' })
  payload!: string;
}

export class DeadLetterPageDto {
  @ApiProperty({ type: [DeadLetterDto] })
  items!: DeadLetterDto[];

  @ApiProperty({ description: 'Records on the topic in all' })
  total!: number;
}

export class DeadLetterPageQueryDto {
  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  skip?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

// Absent: replay every record of the topic; both: replay that one record.
export class ReplayDeadLettersDto {
  @ApiPropertyOptional({ description: 'Partition of the dead-letter topic' })
  @IsOptional()
  @IsInt()
  @Min(0)
  partition?: number;

  @ApiPropertyOptional({ description: 'Offset on the dead-letter topic' })
  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: 'offset must be a non-negative integer as text' })
  offset?: string;
}

export class ReplayOutcomeDto {
  @ApiProperty()
  partition!: number;

  @ApiProperty()
  offset!: string;

  @ApiProperty({ enum: ['applied', 'failed'] })
  outcome!: 'applied' | 'failed';

  @ApiPropertyOptional({ description: 'Why it failed again (it stays on the dead-letter topic)' })
  reason?: string;
}

export class ReplayResultDto {
  @ApiProperty({ type: [ReplayOutcomeDto] })
  items!: ReplayOutcomeDto[];

  @ApiProperty()
  applied!: number;

  @ApiProperty()
  failed!: number;
}
