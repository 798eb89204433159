import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACCOUNT_READERS, ApiAuth, BILLING_MANAGERS, Roles } from '@sms/auth';
import { ChangeSubscriptionDto, CreateSubscriptionDto } from './subscription.dto';
import type { Subscription } from './subscription.repository';
import { SubscriptionsService } from './subscriptions.service';

@ApiTags('subscriptions')
@ApiAuth()
@Controller('accounts/:accountId/subscriptions')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Get()
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: 'Subscriptions of the account' })
  list(@Param('accountId') accountId: string): Promise<Subscription[]> {
    return this.subscriptions.list(accountId);
  }

  @Post()
  @Roles(...BILLING_MANAGERS)
  @ApiOperation({ summary: 'Start a monthly allocation of N credits (the first period is charged now)' })
  create(@Param('accountId') accountId: string, @Body() dto: CreateSubscriptionDto): Promise<Subscription> {
    return this.subscriptions.create(accountId, dto);
  }

  @Patch(':subscriptionId')
  @Roles(...BILLING_MANAGERS)
  @ApiOperation({ summary: 'Change the size, now or at the next renewal' })
  change(
    @Param('accountId') accountId: string,
    @Param('subscriptionId') id: string,
    @Body() dto: ChangeSubscriptionDto,
  ): Promise<Subscription> {
    return this.subscriptions.change(accountId, id, dto);
  }

  @Post(':subscriptionId/cancel')
  @Roles(...BILLING_MANAGERS)
  @ApiOperation({ summary: 'Stop renewing; credits already granted stay' })
  cancel(@Param('accountId') accountId: string, @Param('subscriptionId') id: string): Promise<Subscription> {
    return this.subscriptions.cancel(accountId, id);
  }
}
