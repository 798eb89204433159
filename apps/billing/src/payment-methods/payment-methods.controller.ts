import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ACCOUNT_READERS, ApiAuth, BILLING_MANAGERS, Roles } from '@sms/auth';
import { BILLING_CONFIG, type BillingConfig } from '../config/billing.config';
import {
  AddPaymentMethodDto,
  PaymentProvidersDto,
  StripeSetupIntentView,
  UpdatePaymentMethodDto,
} from './payment-method.dto';
import { PaymentMethodResponse } from './payment-method-response.dto';
import { PaymentMethodsService } from './payment-methods.service';
import { paymentProviders } from './payment-providers';
import { StripeCardsService } from './stripe-cards.service';

@ApiTags('payment methods')
@ApiAuth()
@Controller('accounts/:accountId/payment-methods')
export class PaymentMethodsController {
  constructor(
    private readonly methods: PaymentMethodsService,
    private readonly stripeCards: StripeCardsService,
    @Inject(BILLING_CONFIG) private readonly config: BillingConfig,
  ) {}

  @Get()
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: 'Saved cards (brand, last four digits, expiry; never the number)' })
  @ApiOkResponse({ type: [PaymentMethodResponse] })
  list(@Param('accountId') accountId: string): Promise<PaymentMethodResponse[]> {
    return this.methods.list(accountId);
  }

  @Get('providers')
  @Roles(...BILLING_MANAGERS)
  @ApiOperation({
    summary: 'How cards can be added here: simulated test cards, Stripe Elements (its publishable key)',
  })
  @ApiOkResponse({ type: PaymentProvidersDto })
  // The same for every account; the path keeps the route under the account its caller may act for.
  @ApiParam({ name: 'accountId' })
  providers(): PaymentProvidersDto {
    return paymentProviders(this.config);
  }

  @Post()
  @Roles(...BILLING_MANAGERS)
  @ApiOperation({ summary: 'Save a card: a confirmed Stripe SetupIntent, or a simulated test card' })
  @ApiCreatedResponse({ type: PaymentMethodResponse })
  add(
    @Param('accountId') accountId: string,
    @Body() dto: AddPaymentMethodDto,
  ): Promise<PaymentMethodResponse> {
    return this.methods.add(accountId, dto);
  }

  @Post('stripe/setup-intents')
  @Roles(...BILLING_MANAGERS)
  @ApiOperation({
    summary: "Start saving a card with Stripe: a SetupIntent for the account's own Stripe customer",
  })
  @ApiCreatedResponse({ type: StripeSetupIntentView })
  setupIntent(@Param('accountId') accountId: string): Promise<StripeSetupIntentView> {
    return this.stripeCards.createSetupIntent(accountId);
  }

  @Patch(':paymentMethodId')
  @Roles(...BILLING_MANAGERS)
  @ApiOperation({ summary: 'Update a card (expiry or replacement); clears a previous decline' })
  @ApiOkResponse({ type: PaymentMethodResponse })
  update(
    @Param('accountId') accountId: string,
    @Param('paymentMethodId') id: string,
    @Body() dto: UpdatePaymentMethodDto,
  ): Promise<PaymentMethodResponse> {
    return this.methods.update(accountId, id, dto);
  }

  @Delete(':paymentMethodId')
  @HttpCode(204)
  @Roles(...BILLING_MANAGERS)
  @ApiOperation({ summary: 'Remove a saved card' })
  @ApiNoContentResponse({ description: 'The card is removed' })
  remove(@Param('accountId') accountId: string, @Param('paymentMethodId') id: string): Promise<void> {
    return this.methods.remove(accountId, id);
  }
}
