import { ApiProperty } from '@nestjs/swagger';
import { OrderStatus, type OrderStatusName } from '@sms/contracts';
import { toMillicredits } from '../shared/credit-units';
import type { Order, OrderKind, PaymentKind, TimelineEntry } from './order';
import type { BankTransferDetails, OrderView } from './orders.service';

const ORDER_STATUSES = OrderStatus.options;

export class OrderPersonResponse {
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
}

export class OrderRequesterResponse {
  @ApiProperty({ description: 'Who placed the order (the token subject)' }) subject!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
}

export class BankTransferDetailsResponse {
  @ApiProperty() beneficiary!: string;
  @ApiProperty() iban!: string;
  @ApiProperty() bic!: string;
  @ApiProperty({ description: 'Put this reference on the transfer' }) reference!: string;
  @ApiProperty({ description: 'Amount to transfer, in minor units of currency' }) amountMinor!: number;
  @ApiProperty({ example: 'EUR' }) currency!: string;
}

export class TimelineEntryResponse {
  @ApiProperty({ enum: ORDER_STATUSES }) status!: OrderStatusName;
  @ApiProperty({ enum: ORDER_STATUSES, nullable: true }) previousStatus!: OrderStatusName | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty() actor!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class OrderResponse {
  @ApiProperty() id!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty({ enum: ['one_time', 'subscription', 'auto_topup'] }) kind!: OrderKind;
  @ApiProperty({ enum: ORDER_STATUSES }) status!: OrderStatusName;
  @ApiProperty({ example: 100_000_000, description: 'Credits bought, in millicredits (whole credits)' })
  amountMillicredits!: number;
  @ApiProperty({ example: 4500, description: 'Price in minor units of currency' }) amountMinor!: number;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Lower bound of the volume tier the order was priced at, in millicredits',
  })
  tierMinMillicredits!: number | null;
  @ApiProperty({ type: String, nullable: true }) packCode!: string | null;
  @ApiProperty({ enum: ['card', 'bank_transfer'] }) paymentKind!: PaymentKind;
  @ApiProperty({ type: String, nullable: true }) paymentMethodId!: string | null;
  @ApiProperty({ type: String, nullable: true }) bankReference!: string | null;
  @ApiProperty({ description: 'Money received by bank transfer so far, in minor units' })
  receivedMinor!: number;
  @ApiProperty({ description: 'Money given back by refunds, in minor units' }) refundedMinor!: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) scheduledFor!: string | null;
  @ApiProperty({ type: OrderRequesterResponse }) requester!: OrderRequesterResponse;
  @ApiProperty({ type: OrderPersonResponse, nullable: true }) approver!: OrderPersonResponse | null;
  @ApiProperty({ type: String, nullable: true }) subscriptionId!: string | null;
  @ApiProperty({ type: String, nullable: true }) failureReason!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) paidAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) creditedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static of(order: Order): OrderResponse {
    const { credits, tierMinCredits, ...rest } = order;
    return Object.assign(new OrderResponse(), {
      ...rest,
      amountMillicredits: toMillicredits(credits),
      tierMinMillicredits: tierMinCredits === null ? null : toMillicredits(tierMinCredits),
    });
  }
}

// One order with where to pay it and what happened to it so far.
export class OrderDetailsResponse extends OrderResponse {
  @ApiProperty({ type: BankTransferDetailsResponse, nullable: true })
  bankTransfer!: BankTransferDetails | null;
  @ApiProperty({ type: [TimelineEntryResponse] }) timeline!: TimelineEntry[];

  static ofView(view: OrderView): OrderDetailsResponse {
    const { bankTransfer, timeline, ...order } = view;
    return Object.assign(new OrderDetailsResponse(), { ...OrderResponse.of(order), bankTransfer, timeline });
  }
}

export class OrderPageResponse {
  @ApiProperty({ type: [OrderResponse] }) items!: OrderResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass back as cursor for the next page; null on the last one',
  })
  nextCursor!: string | null;
}
