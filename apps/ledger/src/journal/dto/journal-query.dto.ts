import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { PageQueryDto } from '@sms/runtime';
import { IsISO8601, IsOptional, Matches } from 'class-validator';

export class PeriodQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ example: '2026-02-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601()
  to?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[\w.:@-]{1,128}$/)
  listId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[\w.:@-]{1,128}$/)
  campaignId?: string;
}

export class PagedQueryDto extends IntersectionType(PeriodQueryDto, PageQueryDto) {}
