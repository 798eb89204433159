import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class CreateHoldDto {
  @ApiPropertyOptional({ example: 500, description: 'Whole credits to reserve (or give millicredits)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1e12)
  credits?: number;

  @ApiPropertyOptional({ example: 500_000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1e15)
  millicredits?: number;

  @ApiPropertyOptional({ example: 'list_newsletter' })
  @IsOptional()
  @Matches(/^[\w.:@-]{1,128}$/)
  listId?: string;

  @ApiPropertyOptional({ example: 600, default: 900 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(86_400)
  ttlSeconds?: number;
}
