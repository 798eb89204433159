import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Headers,
  HttpStatus,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ACCOUNT_READERS,
  ApiAuth,
  BILLING_MANAGERS,
  CurrentPrincipal,
  type Principal,
  Roles,
} from '@sms/auth';
import { type Page, PageQueryDto } from '@sms/runtime';
import { CreateOrderDto, DecisionDto } from './create-order.dto';
import type { Order } from './order';
import { OrdersService, OrderView } from './orders.service';

const IDEMPOTENCY_KEY = /^[\w.:-]{8,128}$/;

@ApiTags('orders')
@ApiAuth()
@Controller('accounts/:accountId/orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post()
  @Roles(...BILLING_MANAGERS)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Repeat a creation safely: the same key returns the first order (200) instead of a second one',
  })
  @ApiOperation({ summary: 'Buy credits once: now or on a date, by saved card or bank transfer' })
  async create(
    @Param('accountId') accountId: string,
    @Body() dto: CreateOrderDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OrderView> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new BadRequestException('Idempotency-Key must be 8-128 letters, digits, . _ : -');
    }
    const result = await this.orders.create({
      principal,
      accountId,
      dto,
      idempotencyKey: idempotencyKey ?? null,
    });
    response.status(result.created ? HttpStatus.CREATED : HttpStatus.OK);
    return result.order;
  }

  @Get()
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: 'Orders of the account, newest first, a page at a time (cursor)' })
  list(@Param('accountId') accountId: string, @Query() query: PageQueryDto): Promise<Page<Order>> {
    return this.orders.list({ accountId, ...query });
  }

  @Get(':orderId')
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: 'One order with its timeline (and bank details for a bank transfer)' })
  show(@Param('accountId') accountId: string, @Param('orderId') orderId: string): Promise<OrderView> {
    return this.orders.show(accountId, orderId);
  }

  @Post(':orderId/approve')
  @Roles(...BILLING_MANAGERS, 'operator')
  @ApiOperation({ summary: 'The approver confirms the order; it is then placed (or scheduled)' })
  approve(
    @Param('accountId') accountId: string,
    @Param('orderId') orderId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OrderView> {
    return this.orders.approve(principal, accountId, orderId);
  }

  @Post(':orderId/decline')
  @Roles(...BILLING_MANAGERS, 'operator')
  @ApiOperation({ summary: 'The approver declines the order' })
  decline(
    @Param('accountId') accountId: string,
    @Param('orderId') orderId: string,
    @CurrentPrincipal() principal: Principal,
    @Body() dto: DecisionDto,
  ): Promise<OrderView> {
    return this.orders.decline(principal, accountId, orderId, dto.reason);
  }

  @Post(':orderId/cancel')
  @Roles(...BILLING_MANAGERS)
  @ApiOperation({ summary: 'Cancel an order that is not yet being charged' })
  cancel(
    @Param('accountId') accountId: string,
    @Param('orderId') orderId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OrderView> {
    return this.orders.cancel(principal, accountId, orderId);
  }
}
