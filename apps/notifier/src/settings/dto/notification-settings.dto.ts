import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDivisibleBy,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  Max,
  Min,
  registerDecorator,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { IANAZone } from 'luxon';
import { CREDIT_SCALE } from '@sms/contracts';
import { LANGUAGES, type Language } from '../../templates/languages';
import type { NotificationSettings } from '../notification-settings';

const MAX_RECIPIENTS = 20;

function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIanaTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be an IANA time zone such as Europe/Rome', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && IANAZone.isValidZone(value) },
    });
}

const recipientList = (description: string) =>
  ApiPropertyOptional({ type: [String], example: ['finance@example.com'], description, default: [] });

export class RecipientsDto {
  @recipientList('Low-balance notices and their daily reminders')
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_RECIPIENTS)
  @ArrayUnique()
  @IsEmail({}, { each: true })
  lowBalance?: string[];

  @recipientList('Credits depleted: sending has stopped')
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_RECIPIENTS)
  @ArrayUnique()
  @IsEmail({}, { each: true })
  depleted?: string[];

  @recipientList('Receipts: credits added')
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_RECIPIENTS)
  @ArrayUnique()
  @IsEmail({}, { each: true })
  receipt?: string[];

  @recipientList('Credits expiring soon (30, 7, 1 days before) and expired')
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_RECIPIENTS)
  @ArrayUnique()
  @IsEmail({}, { each: true })
  expiry?: string[];

  @recipientList('Auto top-up failed or over its 30-day limit')
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_RECIPIENTS)
  @ArrayUnique()
  @IsEmail({}, { each: true })
  autoTopUp?: string[];

  @recipientList('Monthly invoices')
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_RECIPIENTS)
  @ArrayUnique()
  @IsEmail({}, { each: true })
  invoice?: string[];
}

export class NotificationSettingsInput {
  @ApiProperty({ type: RecipientsDto })
  @ValidateNested()
  @Type(() => RecipientsDto)
  recipients!: RecipientsDto;

  @ApiProperty({
    type: [Number],
    example: [5_000_000, 1_000_000],
    description:
      'Low-balance levels in millicredits, each a whole number of credits (a multiple of 1000): an email when the balance falls below each',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1000, { each: true })
  @Max(1e15, { each: true })
  @IsDivisibleBy(CREDIT_SCALE, {
    each: true,
    message: '$property must hold whole credits: each level a multiple of 1000 millicredits',
  })
  lowBalanceLevelsMillicredits!: number[];

  @ApiProperty({ description: 'While below a level, remind once a day at the local reminder hour' })
  @IsBoolean()
  dailyReminder!: boolean;

  @ApiProperty({ enum: LANGUAGES, example: 'en' })
  @IsIn(LANGUAGES)
  language!: Language;

  @ApiProperty({ example: 'Europe/Rome', description: 'IANA time zone for dates and the reminder hour' })
  @IsIanaTimeZone()
  timeZone!: string;
}

export class RecipientsView {
  @ApiProperty({ type: [String] }) lowBalance!: string[];
  @ApiProperty({ type: [String] }) depleted!: string[];
  @ApiProperty({ type: [String] }) receipt!: string[];
  @ApiProperty({ type: [String] }) expiry!: string[];
  @ApiProperty({ type: [String] }) autoTopUp!: string[];
  @ApiProperty({ type: [String] }) invoice!: string[];
}

export class NotificationSettingsView {
  @ApiProperty() accountId!: string;
  @ApiProperty({ type: RecipientsView }) recipients!: RecipientsView;
  @ApiProperty({ type: [Number], description: 'Low-balance levels in millicredits, highest first' })
  lowBalanceLevelsMillicredits!: number[];
  @ApiProperty() dailyReminder!: boolean;
  @ApiProperty({ enum: LANGUAGES }) language!: Language;
  @ApiProperty() timeZone!: string;
  @ApiProperty() updatedAt!: string;

  static of(settings: NotificationSettings): NotificationSettingsView {
    const { lowBalanceLevelsCredits, ...rest } = settings;
    return Object.assign(new NotificationSettingsView(), {
      ...rest,
      lowBalanceLevelsMillicredits: lowBalanceLevelsCredits.map((credits) => credits * CREDIT_SCALE),
      updatedAt: settings.updatedAt.toISOString(),
    });
  }
}
