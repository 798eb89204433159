import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACCOUNT_READERS, ApiAuth, BILLING_MANAGERS, Roles } from '@sms/auth';
import { AddPaymentMethodDto, UpdatePaymentMethodDto } from './payment-method.dto';
import { PaymentMethodsService, PaymentMethodView } from './payment-methods.service';

@ApiTags('payment methods')
@ApiAuth()
@Controller('accounts/:accountId/payment-methods')
export class PaymentMethodsController {
  constructor(private readonly methods: PaymentMethodsService) {}

  @Get()
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: 'Saved cards (brand, last four digits, expiry; never the number)' })
  list(@Param('accountId') accountId: string): Promise<PaymentMethodView[]> {
    return this.methods.list(accountId);
  }

  @Post()
  @Roles(...BILLING_MANAGERS)
  @ApiOperation({ summary: 'Save a card (a simulated test card or a Stripe PaymentMethod)' })
  add(@Param('accountId') accountId: string, @Body() dto: AddPaymentMethodDto): Promise<PaymentMethodView> {
    return this.methods.add(accountId, dto);
  }

  @Patch(':paymentMethodId')
  @Roles(...BILLING_MANAGERS)
  @ApiOperation({ summary: 'Update a card (expiry or replacement); clears a previous decline' })
  update(
    @Param('accountId') accountId: string,
    @Param('paymentMethodId') id: string,
    @Body() dto: UpdatePaymentMethodDto,
  ): Promise<PaymentMethodView> {
    return this.methods.update(accountId, id, dto);
  }

  @Delete(':paymentMethodId')
  @HttpCode(204)
  @Roles(...BILLING_MANAGERS)
  @ApiOperation({ summary: 'Remove a saved card' })
  remove(@Param('accountId') accountId: string, @Param('paymentMethodId') id: string): Promise<void> {
    return this.methods.remove(accountId, id);
  }
}
