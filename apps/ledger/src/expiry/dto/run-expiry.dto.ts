import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

export class RunExpiryDto {
  @ApiPropertyOptional({ example: '2026-04-01T00:00:00Z', description: 'Pretend it is this instant' })
  @IsOptional()
  @IsISO8601()
  asOf?: string;
}
