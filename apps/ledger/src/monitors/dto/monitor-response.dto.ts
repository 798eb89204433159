import { ApiProperty } from '@nestjs/swagger';
import type { MonitorPurpose } from '../monitor.entity';

export class MonitorResponse {
  @ApiProperty() id!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty({ enum: ['low_balance_notice', 'auto_topup'] }) purpose!: MonitorPurpose;
  @ApiProperty({ description: 'The level, in millicredits' }) levelMillicredits!: number;
  @ApiProperty({ description: 'false while the balance is below the level (fired, not yet recovered)' })
  armed!: boolean;
}
