import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsString, Max, Min } from 'class-validator';

export class PutAutoTopUpDto {
  @ApiProperty({ example: true })
  @IsBoolean()
  enabled!: boolean;

  @ApiProperty({ example: 5000, description: 'Recharge when the balance falls below this many credits' })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  thresholdCredits!: number;

  @ApiProperty({ example: 20000, description: 'Credits to add (a multiple of the purchase step)' })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  creditsToAdd!: number;

  @ApiProperty({ example: 'pm_…', description: 'Saved card to charge' })
  @IsString()
  paymentMethodId!: string;

  @ApiProperty({ example: 5, description: 'Maximum automatic recharges in any 30 days' })
  @IsInt()
  @Min(1)
  @Max(100)
  maxRechargesPer30Days!: number;
}
