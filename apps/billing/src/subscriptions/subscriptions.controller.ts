import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACCOUNT_READERS, ApiAuth, BILLING_MANAGERS, Roles } from '@sms/auth';
import { ChangeSubscriptionDto, CreateSubscriptionDto } from './subscription.dto';
import { SubscriptionResponse } from './subscription-response.dto';
import { SubscriptionsService } from './subscriptions.service';

@ApiTags('subscriptions')
@ApiAuth()
@Controller('accounts/:accountId/subscriptions')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Get()
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: 'Subscriptions of the account' })
  @ApiOkResponse({ type: [SubscriptionResponse] })
  async list(@Param('accountId') accountId: string): Promise<SubscriptionResponse[]> {
    return (await this.subscriptions.list(accountId)).map((s) => SubscriptionResponse.of(s));
  }

  @Post()
  @Roles(...BILLING_MANAGERS)
  @ApiOperation({ summary: 'Start a monthly allocation of N credits (the first period is charged now)' })
  @ApiCreatedResponse({ type: SubscriptionResponse })
  async create(
    @Param('accountId') accountId: string,
    @Body() dto: CreateSubscriptionDto,
  ): Promise<SubscriptionResponse> {
    return SubscriptionResponse.of(await this.subscriptions.create(accountId, dto));
  }

  @Patch(':subscriptionId')
  @Roles(...BILLING_MANAGERS)
  @ApiOperation({ summary: 'Change the size, now or at the next renewal' })
  @ApiOkResponse({ type: SubscriptionResponse })
  async change(
    @Param('accountId') accountId: string,
    @Param('subscriptionId') id: string,
    @Body() dto: ChangeSubscriptionDto,
  ): Promise<SubscriptionResponse> {
    return SubscriptionResponse.of(await this.subscriptions.change(accountId, id, dto));
  }

  @Post(':subscriptionId/cancel')
  @Roles(...BILLING_MANAGERS)
  @ApiOperation({ summary: 'Stop renewing; credits already granted stay' })
  @ApiCreatedResponse({ type: SubscriptionResponse })
  async cancel(
    @Param('accountId') accountId: string,
    @Param('subscriptionId') id: string,
  ): Promise<SubscriptionResponse> {
    return SubscriptionResponse.of(await this.subscriptions.cancel(accountId, id));
  }
}
