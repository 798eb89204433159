import { ApiProperty } from '@nestjs/swagger';
import type { AdjustmentKind } from '../adjustment-entry';

export class AdjustmentResponse {
  @ApiProperty() id!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty({ enum: ['goodwill', 'correction'] }) kind!: AdjustmentKind;
  @ApiProperty({ description: 'Millicredits added (positive) or taken away (negative)' })
  amountMillicredits!: number;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'The operator (token subject)' }) actor!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) expiryDate!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) expiresAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The lot credits added became' })
  lotId!: string | null;
  @ApiProperty({ description: 'The balance after the adjustment, in millicredits' })
  balanceMillicredits!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
