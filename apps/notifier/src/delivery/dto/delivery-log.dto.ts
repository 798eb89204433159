import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { NOTICE_KINDS, type NoticeKind } from '../../templates/notice-kind';
import { DELIVERY_STATUSES, type DeliveryRecord, type DeliveryStatus } from '../delivery';

export class DeliveryLogQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @ApiPropertyOptional({ enum: NOTICE_KINDS })
  @IsOptional()
  @IsIn(NOTICE_KINDS)
  kind?: NoticeKind;

  @ApiPropertyOptional({ description: 'Page size', default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'Cursor: the nextBefore of the previous page (newest first)' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'before must be a delivery id' })
  before?: string;
}

export class OperatorDeliveryLogQuery extends DeliveryLogQuery {
  @ApiPropertyOptional({ description: 'Only this account' })
  @IsOptional()
  @Matches(/^[\w.:@-]{1,128}$/, { message: 'accountId is not a valid account id' })
  accountId?: string;
}

export class DeliveryView {
  @ApiProperty() id!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty({ description: 'The event that caused the email (reminder:… for daily reminders)' })
  eventId!: string;
  @ApiProperty({ enum: NOTICE_KINDS }) kind!: NoticeKind;
  @ApiProperty() recipient!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: DeliveryStatus;
  @ApiProperty() attempts!: number;
  @ApiProperty({ description: 'When a pending email is tried next' }) nextAttemptAt!: string;
  @ApiProperty({ nullable: true, type: String }) lastAttemptAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: String }) smtpMessageId!: string | null;
  @ApiProperty({ nullable: true, type: String }) sentAt!: string | null;
  @ApiProperty() createdAt!: string;

  static of(record: DeliveryRecord): DeliveryView {
    return Object.assign(new DeliveryView(), {
      ...record,
      nextAttemptAt: record.nextAttemptAt.toISOString(),
      lastAttemptAt: record.lastAttemptAt?.toISOString() ?? null,
      sentAt: record.sentAt?.toISOString() ?? null,
      createdAt: record.createdAt.toISOString(),
    });
  }
}

export class DeliveryPage {
  @ApiProperty({ type: [DeliveryView] }) items!: DeliveryView[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as before= for the next page' })
  nextBefore!: string | null;
}
