import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  Equals,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsTimeZone,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { CONSUMPTION_POLICIES, type ConsumptionPolicy, LIST_MODES, type ListMode } from '../account';

export class AccountSettingsDto {
  @ApiPropertyOptional({ example: 'Europe/Rome' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ example: 'IT' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  homeCountry?: string;

  @ApiPropertyOptional({ enum: CONSUMPTION_POLICIES })
  @IsOptional()
  @IsIn(CONSUMPTION_POLICIES)
  consumptionPolicy?: ConsumptionPolicy;

  @ApiPropertyOptional({ nullable: true, example: 730, description: 'null: credits never expire by default' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(36_500)
  defaultValidityDays?: number | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  extendOnPurchase?: boolean;

  // Not a setting the account may choose: an overdraft is a credit line, set by operators with a reason
  // through PUT /accounts/:accountId/credit-limit. Kept here only to refuse it with that explanation.
  @Equals(undefined, {
    message:
      'overdraftMillicredits cannot be set here: the credit limit is set by operators (PUT /accounts/:accountId/credit-limit)',
  })
  overdraftMillicredits?: never;

  @ApiPropertyOptional({ enum: LIST_MODES })
  @IsOptional()
  @IsIn(LIST_MODES)
  listMode?: ListMode;
}
