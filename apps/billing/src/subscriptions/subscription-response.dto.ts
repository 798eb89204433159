import { ApiProperty } from '@nestjs/swagger';
import { toMillicredits } from '../shared/credit-units';
import type { Subscription } from './subscription.repository';

export class SubscriptionResponse {
  @ApiProperty() id!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty({ example: 50_000_000, description: 'Credits granted each month, in millicredits' })
  periodMillicredits!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The size from the next renewal, in millicredits; null: unchanged',
  })
  nextPeriodMillicredits!: number | null;
  @ApiProperty() paymentMethodId!: string;
  @ApiProperty({ enum: ['active', 'cancelled'] }) status!: 'active' | 'cancelled';
  @ApiProperty({ format: 'date-time' }) currentPeriodStart!: string;
  @ApiProperty({ format: 'date-time' }) nextRenewalAt!: string;

  static of(subscription: Subscription): SubscriptionResponse {
    const { creditsPerPeriod, nextCreditsPerPeriod, ...rest } = subscription;
    return Object.assign(new SubscriptionResponse(), {
      ...rest,
      periodMillicredits: toMillicredits(creditsPerPeriod),
      nextPeriodMillicredits: nextCreditsPerPeriod === null ? null : toMillicredits(nextCreditsPerPeriod),
    });
  }
}
