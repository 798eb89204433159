import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsString, Max, Min } from 'class-validator';
import { WholeCreditsInMillicredits } from '../shared/credit-units';

export class PutAutoTopUpDto {
  @ApiProperty({ example: true })
  @IsBoolean()
  enabled!: boolean;

  @ApiProperty({
    example: 5_000_000,
    description: 'Recharge when the balance falls below this, in millicredits (whole credits)',
  })
  @WholeCreditsInMillicredits({ min: 0 })
  thresholdMillicredits!: number;

  @ApiProperty({
    example: 20_000_000,
    description: 'Millicredits each recharge buys: whole credits in multiples of the purchase step',
  })
  @WholeCreditsInMillicredits({ min: 1000 })
  topUpMillicredits!: number;

  @ApiProperty({ example: 'pm_…', description: 'Saved card to charge' })
  @IsString()
  paymentMethodId!: string;

  @ApiProperty({ example: 5, description: 'Maximum automatic recharges in any 30 days' })
  @IsInt()
  @Min(1)
  @Max(100)
  maxRechargesPer30Days!: number;
}
