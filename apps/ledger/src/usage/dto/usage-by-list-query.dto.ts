import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PeriodQueryDto } from '../../journal/dto/journal-query.dto';

export const USAGE_BUCKETS = ['day', 'week', 'month'] as const;
export type UsageBucket = (typeof USAGE_BUCKETS)[number];

// Spend per list over time: the period filter plus how long each bucket is.
export class UsageByListQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({ enum: USAGE_BUCKETS, default: 'day' })
  @IsOptional()
  @IsIn(USAGE_BUCKETS)
  bucket?: UsageBucket;
}
