import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, Matches } from 'class-validator';
import { WholeCreditsInMillicredits } from '../shared/credit-units';

export class QuoteQueryDto {
  @ApiPropertyOptional({
    example: 100_000_000,
    description: 'Millicredits to buy: whole credits in multiples of the purchase step',
  })
  @IsOptional()
  @Type(() => Number)
  @WholeCreditsInMillicredits({ min: 1000 })
  amountMillicredits?: number;

  @ApiPropertyOptional({ example: 'starter', description: 'A fixed pack instead of a quantity' })
  @IsOptional()
  @IsString()
  pack?: string;

  @ApiPropertyOptional({ example: 'IT,DE,US', description: 'Destination countries to estimate SMS for' })
  @IsOptional()
  @Matches(/^[A-Z]{2}(,[A-Z]{2})*$/)
  countries?: string;
}
