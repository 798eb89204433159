import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

export class RunRemindersInput {
  @ApiPropertyOptional({
    description: 'Run as if it were this instant (defaults to now); for tests and catching up',
    example: '2025-03-11T08:05:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;
}

export class ReminderRunView {
  @ApiProperty() asOf!: string;
  @ApiProperty({ description: 'Levels reminded' }) reminders!: number;
  @ApiProperty({ description: 'Emails queued' }) emails!: number;
}
