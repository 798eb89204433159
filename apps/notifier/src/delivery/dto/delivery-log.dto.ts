import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageQueryDto } from '@sms/runtime';
import { NOTICE_KINDS, type NoticeKind } from '../../templates/notice-kind';
import { DELIVERY_STATUSES, type DeliveryRecord, type DeliveryStatus } from '../delivery';

export class DeliveryLogQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @ApiPropertyOptional({ enum: NOTICE_KINDS })
  @IsOptional()
  @IsIn(NOTICE_KINDS)
  kind?: NoticeKind;
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
  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor= for the next page' })
  nextCursor!: string | null;
}
