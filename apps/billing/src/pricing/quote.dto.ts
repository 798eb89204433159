import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export class QuoteQueryDto {
  @ApiPropertyOptional({ example: 100000, description: 'Credits to buy (a multiple of the purchase step)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000_000_000)
  credits?: number;

  @ApiPropertyOptional({ example: 'starter', description: 'A fixed pack instead of a quantity' })
  @IsOptional()
  @IsString()
  pack?: string;

  @ApiPropertyOptional({ example: 'IT,DE,US', description: 'Destination countries to estimate SMS for' })
  @IsOptional()
  @Matches(/^[A-Z]{2}(,[A-Z]{2})*$/)
  countries?: string;
}
