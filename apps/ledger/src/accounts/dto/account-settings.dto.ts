import { ApiPropertyOptional } from '@nestjs/swagger';
import {
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

  @ApiPropertyOptional({ example: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1e15)
  overdraftMillicredits?: number;

  @ApiPropertyOptional({ enum: LIST_MODES })
  @IsOptional()
  @IsIn(LIST_MODES)
  listMode?: ListMode;
}
