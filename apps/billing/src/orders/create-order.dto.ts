import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { WholeCreditsInMillicredits } from '../shared/credit-units';

export class PersonDto {
  @ApiProperty({ example: 'Giulia Bianchi' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'giulia@acme.example' })
  @IsEmail()
  email!: string;
}

export class CreateOrderDto {
  @ApiPropertyOptional({
    example: 100_000_000,
    description:
      'Millicredits to buy: whole credits in multiples of the purchase step (100000 credits = 100000000); or give pack',
  })
  @IsOptional()
  @WholeCreditsInMillicredits({ min: 1000 })
  amountMillicredits?: number;

  @ApiPropertyOptional({ example: 'starter', description: 'A fixed pack from the price list' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  pack?: string;

  @ApiProperty({ enum: ['card', 'bank_transfer'] })
  @IsIn(['card', 'bank_transfer'])
  paymentKind!: 'card' | 'bank_transfer';

  @ApiPropertyOptional({ example: 'pm_…', description: 'Saved card to charge (paymentKind card)' })
  @ValidateIf((dto: CreateOrderDto) => dto.paymentKind === 'card')
  @IsString()
  paymentMethodId?: string;

  @ApiPropertyOptional({
    example: '2027-03-01',
    description:
      "Place the order on this date (YYYY-MM-DD: midnight in the account's time zone) or at this instant; omitted: as soon as possible",
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  scheduledFor?: string;

  @ApiPropertyOptional({ type: PersonDto, description: 'The requester, when it is not the caller' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PersonDto)
  requester?: PersonDto;

  @ApiPropertyOptional({
    type: PersonDto,
    description: 'Who must approve the order; when it is someone other than the requester the order waits',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => PersonDto)
  approver?: PersonDto;
}

export class DecisionDto {
  @ApiPropertyOptional({ example: 'Budget exhausted this quarter' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}
