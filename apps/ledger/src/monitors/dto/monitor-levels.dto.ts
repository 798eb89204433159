import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, Max, Min } from 'class-validator';
import type { MonitorPurpose } from '../monitor.entity';

export class MonitorLevelsDto {
  @ApiProperty({ enum: ['low_balance_notice', 'auto_topup'] })
  @IsIn(['low_balance_notice', 'auto_topup'])
  purpose!: MonitorPurpose;

  @ApiProperty({ example: [100_000, 10_000], description: 'Levels in millicredits' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(1e15, { each: true })
  levelsMillicredits!: number[];
}
