import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString } from 'class-validator';
import { WholeCreditsInMillicredits } from '../shared/credit-units';

export class CreateSubscriptionDto {
  @ApiProperty({
    example: 50_000_000,
    description: 'Millicredits granted each month: whole credits in multiples of the purchase step',
  })
  @WholeCreditsInMillicredits({ min: 1000 })
  periodMillicredits!: number;

  @ApiProperty({ example: 'pm_…' })
  @IsString()
  paymentMethodId!: string;
}

export class ChangeSubscriptionDto {
  @ApiProperty({
    example: 100_000_000,
    description: 'The new monthly size in millicredits: whole credits in multiples of the purchase step',
  })
  @WholeCreditsInMillicredits({ min: 1000 })
  periodMillicredits!: number;

  @ApiProperty({
    enum: ['now', 'next_renewal'],
    description:
      'now: an increase is charged and granted at once (the price difference between the two sizes, not prorated); a decrease cannot take back credits already granted, so it applies from the next renewal. next_renewal: from the next renewal.',
  })
  @IsIn(['now', 'next_renewal'])
  effective!: 'now' | 'next_renewal';
}
