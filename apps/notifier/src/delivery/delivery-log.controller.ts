import { Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ACCOUNT_ADMINS, ApiAuth, CurrentPrincipal, Roles, type Principal } from '@sms/auth';
import { DeliveryLogService } from './delivery-log.service';
import {
  DeliveryLogQuery,
  DeliveryPage,
  DeliveryView,
  OperatorDeliveryLogQuery,
} from './dto/delivery-log.dto';

@ApiTags('deliveries')
@ApiAuth()
@Controller()
export class DeliveryLogController {
  constructor(private readonly log: DeliveryLogService) {}

  @Get('accounts/:accountId/deliveries')
  @Roles(...ACCOUNT_ADMINS, 'operator')
  @ApiOperation({ summary: "The account's emails with their delivery status, newest first" })
  @ApiOkResponse({ type: DeliveryPage })
  async forAccount(
    @Param('accountId') accountId: string,
    @Query() query: DeliveryLogQuery,
  ): Promise<DeliveryPage> {
    return toPage(await this.log.page({ ...query, accountId }));
  }

  @Get('deliveries')
  @Roles('operator')
  @ApiOperation({ summary: 'Every account’s emails (operators), e.g. ?status=failed' })
  @ApiOkResponse({ type: DeliveryPage })
  async all(@Query() query: OperatorDeliveryLogQuery): Promise<DeliveryPage> {
    return toPage(await this.log.page(query));
  }

  @Post('deliveries/:id/resend')
  @HttpCode(200)
  @Roles(...ACCOUNT_ADMINS, 'operator')
  @ApiOperation({ summary: 'Queue a failed email again' })
  @ApiOkResponse({ type: DeliveryView })
  @ApiNotFoundResponse({ description: 'No such delivery' })
  @ApiConflictResponse({ description: 'The email is not failed (already sent, or still in progress)' })
  async resend(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<DeliveryView> {
    if (!/^\d{1,18}$/.test(id)) {
      throw new NotFoundException(`No delivery ${id}`);
    }
    return DeliveryView.of(await this.log.resend(id, principal));
  }
}

function toPage(page: Awaited<ReturnType<DeliveryLogService['page']>>): DeliveryPage {
  return { items: page.items.map((item) => DeliveryView.of(item)), nextCursor: page.nextCursor };
}
