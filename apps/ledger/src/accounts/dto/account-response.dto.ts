import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ListAllocationResponse } from '../../lists/dto/list-allocation-response.dto';
import { CONSUMPTION_POLICIES, type ConsumptionPolicy, LIST_MODES, type ListMode } from '../account';

export class AccountResponse {
  @ApiProperty({ example: 'acc_42' }) id!: string;
  @ApiProperty({ example: 'Europe/Rome' }) timeZone!: string;
  @ApiProperty({ example: 'IT' }) homeCountry!: string;
  @ApiProperty({ enum: CONSUMPTION_POLICIES }) consumptionPolicy!: ConsumptionPolicy;
  @ApiProperty({ type: Number, nullable: true, description: 'null: credits never expire by default' })
  defaultValidityDays!: number | null;
  @ApiProperty() extendOnPurchase!: boolean;
  @ApiProperty({ description: 'How far below zero holds may take available credits, in millicredits' })
  overdraftMillicredits!: number;
  @ApiProperty({ enum: LIST_MODES }) listMode!: ListMode;
  @ApiProperty({ description: 'The balance in millicredits (negative: a deficit)' })
  balanceMillicredits!: number;
  @ApiProperty({ description: 'What open holds reserve, in millicredits' }) heldMillicredits!: number;
  @ApiProperty({ description: 'Available credits reached zero and the gateway was told to stop' })
  depleted!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class AvailableBalanceResponse {
  @ApiProperty() accountId!: string;
  @ApiProperty({ description: 'Balance minus what holds reserve, in millicredits' })
  availableMillicredits!: number;
}

export class SmsEstimateResponse {
  @ApiProperty({ example: 'IT' }) country!: string;
  @ApiProperty({ example: 1000, description: 'What one segment to the country costs' })
  millicreditsPerSegment!: number;
  @ApiProperty({ description: 'Single-segment SMS the available credits still pay for' })
  estimatedSmsLeft!: number;
}

export class LotResponse {
  @ApiProperty() lotId!: string;
  @ApiProperty({ enum: ['purchase', 'subscription', 'auto_topup', 'goodwill', 'adjustment'] })
  source!: string;
  @ApiProperty() grantedMillicredits!: number;
  @ApiProperty() remainingMillicredits!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date',
    description: "Last valid day in the account's time zone; null: never expires",
  })
  expiryDate!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'The instant the lot stops being valid: the end of expiryDate in the account time zone',
  })
  expiresAt!: string | null;
}

export class ListsSummaryResponse {
  @ApiProperty({ enum: LIST_MODES }) mode!: ListMode;
  @ApiProperty({ type: [ListAllocationResponse] }) allocations!: ListAllocationResponse[];
}

export class BalanceBreakdownResponse {
  @ApiProperty() accountId!: string;
  @ApiProperty({ description: 'The balance in millicredits (negative: a deficit)' })
  balanceMillicredits!: number;
  @ApiProperty() heldMillicredits!: number;
  @ApiProperty({ description: 'Balance minus held' }) availableMillicredits!: number;
  @ApiProperty({ description: 'What the next credits pay first (0 when the balance is not negative)' })
  deficitMillicredits!: number;
  @ApiProperty({ type: [LotResponse] }) lots!: LotResponse[];
  @ApiProperty({ type: ListsSummaryResponse }) lists!: ListsSummaryResponse;
  @ApiProperty() expiringWithin30DaysMillicredits!: number;
  @ApiProperty({ type: SmsEstimateResponse, description: "At the home country's rate" })
  home!: SmsEstimateResponse;
  @ApiPropertyOptional({ type: SmsEstimateResponse, description: 'At the rate of ?country=' })
  chosen?: SmsEstimateResponse;
}
