import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import type { AdjustmentKind } from '../adjustment-entry';

export class CreateAdjustmentDto {
  @ApiProperty({
    enum: ['goodwill', 'correction'],
    description: 'goodwill adds; a correction adds or takes away',
  })
  @IsIn(['goodwill', 'correction'])
  kind!: AdjustmentKind;

  @ApiProperty({ example: 5_000_000, description: 'Millicredits added (positive) or taken away (negative)' })
  @IsInt()
  @Min(-1_000_000_000_000)
  @Max(1_000_000_000_000)
  amountMillicredits!: number;

  @ApiProperty({ example: 'Delivery outage on 3 March', description: 'Why, kept in the journal' })
  @IsString()
  @Length(1, 500)
  reason!: string;

  @ApiPropertyOptional({
    example: '2027-06-30',
    description:
      "Last valid day of credits added, in the account's time zone (they stop at the end of it); none: they never expire",
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Length(10, 10)
  expiryDate?: string;
}

export interface AdjustmentView {
  id: string;
  accountId: string;
  kind: AdjustmentKind;
  amountMillicredits: number;
  reason: string;
  actor: string;
  expiryDate: string | null;
  expiresAt: string | null;
  lotId: string | null;
  balanceMillicredits: number;
  createdAt: string;
}
