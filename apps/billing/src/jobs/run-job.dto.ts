import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

export class RunJobDto {
  @ApiPropertyOptional({
    example: '2026-08-03T08:00:00Z',
    description: 'The moment the job believes it is (defaults to now); lets operators and tests control time',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;
}
