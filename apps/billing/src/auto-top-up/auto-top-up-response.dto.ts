import { ApiProperty } from '@nestjs/swagger';
import { toMillicredits } from '../shared/credit-units';
import type { AutoTopUpView, TopUpState } from './auto-top-up-state';

export class AutoTopUpResponse {
  @ApiProperty() accountId!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({
    example: 5_000_000,
    description: 'Recharge when the balance falls below this, in millicredits',
  })
  thresholdMillicredits!: number;
  @ApiProperty({ example: 20_000_000, description: 'What each recharge buys, in millicredits' })
  topUpMillicredits!: number;
  @ApiProperty({ type: String, nullable: true, description: 'null until the first save' })
  paymentMethodId!: string | null;
  @ApiProperty({ example: 5 }) maxRechargesPer30Days!: number;
  @ApiProperty({
    enum: ['armed', 'in_flight', 'limit_reached'],
    description: 'armed: the next dip charges; in_flight: a recharge is being paid',
  })
  state!: TopUpState;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) armedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) currentOrderId!: string | null;
  @ApiProperty({ type: String, nullable: true }) disabledReason!: string | null;

  static of(settings: AutoTopUpView): AutoTopUpResponse {
    const { thresholdCredits, creditsToAdd, ...rest } = settings;
    return Object.assign(new AutoTopUpResponse(), {
      ...rest,
      thresholdMillicredits: toMillicredits(thresholdCredits),
      topUpMillicredits: toMillicredits(creditsToAdd),
    });
  }
}
