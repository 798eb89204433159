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
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ACCOUNT_READERS,
  ApiAuth,
  BILLING_MANAGERS,
  CurrentPrincipal,
  type Principal,
  Roles,
} from '@sms/auth';
import { PageQueryDto } from '@sms/runtime';
import { CreateOrderDto, DecisionDto } from './create-order.dto';
import { OrderDetailsResponse, OrderPageResponse, OrderResponse } from './order-response.dto';
import { OrdersService } from './orders.service';

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
  @ApiCreatedResponse({ type: OrderDetailsResponse, description: 'The order was created' })
  @ApiOkResponse({ type: OrderDetailsResponse, description: 'The Idempotency-Key was used: the first order' })
  async create(
    @Param('accountId') accountId: string,
    @Body() dto: CreateOrderDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OrderDetailsResponse> {
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
    return OrderDetailsResponse.ofView(result.order);
  }

  @Get()
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: 'Orders of the account, newest first, a page at a time (cursor)' })
  @ApiOkResponse({ type: OrderPageResponse })
  async list(
    @Param('accountId') accountId: string,
    @Query() query: PageQueryDto,
  ): Promise<OrderPageResponse> {
    const page = await this.orders.list({ accountId, ...query });
    return { items: page.items.map((order) => OrderResponse.of(order)), nextCursor: page.nextCursor };
  }

  @Get(':orderId')
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: 'One order with its timeline (and bank details for a bank transfer)' })
  @ApiOkResponse({ type: OrderDetailsResponse })
  async show(
    @Param('accountId') accountId: string,
    @Param('orderId') orderId: string,
  ): Promise<OrderDetailsResponse> {
    return OrderDetailsResponse.ofView(await this.orders.show(accountId, orderId));
  }

  @Post(':orderId/approve')
  @Roles(...BILLING_MANAGERS, 'operator')
  @ApiOperation({ summary: 'The approver confirms the order; it is then placed (or scheduled)' })
  @ApiCreatedResponse({ type: OrderDetailsResponse })
  async approve(
    @Param('accountId') accountId: string,
    @Param('orderId') orderId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OrderDetailsResponse> {
    return OrderDetailsResponse.ofView(await this.orders.approve(principal, accountId, orderId));
  }

  @Post(':orderId/decline')
  @Roles(...BILLING_MANAGERS, 'operator')
  @ApiOperation({ summary: 'The approver declines the order' })
  @ApiCreatedResponse({ type: OrderDetailsResponse })
  async decline(
    @Param('accountId') accountId: string,
    @Param('orderId') orderId: string,
    @CurrentPrincipal() principal: Principal,
    @Body() dto: DecisionDto,
  ): Promise<OrderDetailsResponse> {
    return OrderDetailsResponse.ofView(await this.orders.decline(principal, accountId, orderId, dto.reason));
  }

  @Post(':orderId/cancel')
  @Roles(...BILLING_MANAGERS)
  @ApiOperation({ summary: 'Cancel an order that is not yet being charged' })
  @ApiCreatedResponse({ type: OrderDetailsResponse })
  async cancel(
    @Param('accountId') accountId: string,
    @Param('orderId') orderId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OrderDetailsResponse> {
    return OrderDetailsResponse.ofView(await this.orders.cancel(principal, accountId, orderId));
  }
}
