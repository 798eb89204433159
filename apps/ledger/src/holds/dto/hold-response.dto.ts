import { ApiProperty } from '@nestjs/swagger';
import type { Hold } from '../hold.repository';

export class PlacedHoldResponse {
  @ApiProperty() holdId!: string;
  @ApiProperty({ description: 'What was asked for, in millicredits' }) requestedMillicredits!: number;
  @ApiProperty({ description: 'What the hold reserves: all, part or none of it' })
  grantedMillicredits!: number;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export class HoldResponse {
  @ApiProperty() id!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty({ type: String, nullable: true }) listId!: string | null;
  @ApiProperty() requestedMillicredits!: number;
  @ApiProperty() grantedMillicredits!: number;
  @ApiProperty({ description: 'What the hold still reserves' }) remainingMillicredits!: number;
  @ApiProperty({ enum: ['open', 'released', 'expired'] }) status!: 'open' | 'released' | 'expired';
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;

  static of(hold: Hold): HoldResponse {
    return Object.assign(new HoldResponse(), { ...hold, expiresAt: new Date(hold.expiresAt).toISOString() });
  }
}
