import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Max, Min } from 'class-validator';

export class CreateSubscriptionDto {
  @ApiProperty({
    example: 50000,
    description: 'Credits granted each month (a multiple of the purchase step)',
  })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  creditsPerPeriod!: number;

  @ApiProperty({ example: 'pm_…' })
  @IsString()
  paymentMethodId!: string;
}

export class ChangeSubscriptionDto {
  @ApiProperty({ example: 100000 })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  creditsPerPeriod!: number;

  @ApiProperty({
    enum: ['now', 'next_renewal'],
    description:
      'now: an increase is charged and granted at once (the price difference between the two sizes, not prorated); a decrease cannot take back credits already granted, so it applies from the next renewal. next_renewal: from the next renewal.',
  })
  @IsIn(['now', 'next_renewal'])
  effective!: 'now' | 'next_renewal';
}
