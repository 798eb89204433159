import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';

const isSimulated = (dto: AddPaymentMethodDto) => dto.provider === 'simulated';
const isStripe = (dto: AddPaymentMethodDto) => dto.provider === 'stripe';

// A Stripe card is named only by the SetupIntent billing created (or a PaymentMethod id); its brand,
// last four digits, expiry and customer are read from Stripe, never taken from the request.
export class AddPaymentMethodDto {
  @ApiProperty({ enum: ['simulated', 'stripe'] })
  @IsIn(['simulated', 'stripe'])
  provider!: 'simulated' | 'stripe';

  @ApiPropertyOptional({
    example: '4242424242424242',
    description:
      'Simulated provider only (PAYMENT_SIMULATOR_ENABLED): a test card number (4242424242424242 succeeds, 4000000000000002 is declined, 4000000000000069 is expired, 4000000000009995 has insufficient funds). Never stored.',
  })
  @ValidateIf(isSimulated)
  @Matches(/^\d{12,19}$/)
  cardNumber?: string;

  @ApiPropertyOptional({
    example: 'seti_1Nxyz',
    description: 'Stripe: the SetupIntent from POST …/payment-methods/stripe/setup-intents, once confirmed',
  })
  @ValidateIf((dto: AddPaymentMethodDto) => isStripe(dto) && dto.stripePaymentMethodId === undefined)
  @Matches(/^seti_\w+$/)
  setupIntentId?: string;

  @ApiPropertyOptional({
    example: 'pm_1Nxyz',
    description: "Stripe: a PaymentMethod already attached to the account's Stripe customer",
  })
  @ValidateIf((dto: AddPaymentMethodDto) => isStripe(dto) && dto.setupIntentId === undefined)
  @Matches(/^pm_\w+$/)
  stripePaymentMethodId?: string;

  @ApiPropertyOptional({ example: 12, description: 'Simulated cards only; Stripe reports its own' })
  @ValidateIf(isSimulated)
  @IsInt()
  @Min(1)
  @Max(12)
  expMonth?: number;

  @ApiPropertyOptional({ example: 2030, description: 'Simulated cards only; Stripe reports its own' })
  @ValidateIf(isSimulated)
  @IsInt()
  @Min(2000)
  @Max(2100)
  expYear?: number;
}

export class UpdatePaymentMethodDto {
  @ApiPropertyOptional({
    example: '4242424242424242',
    description: 'Simulated cards: the replacement card number',
  })
  @IsOptional()
  @Matches(/^\d{12,19}$/)
  cardNumber?: string;

  @ApiPropertyOptional({ example: 12, description: 'Simulated cards; a Stripe card is re-read from Stripe' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  expMonth?: number;

  @ApiPropertyOptional({
    example: 2031,
    description: 'Simulated cards; a Stripe card is re-read from Stripe',
  })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  expYear?: number;
}

export class StripeSetupIntentView {
  @ApiProperty({ example: 'seti_1Nxyz' })
  setupIntentId!: string;

  @ApiProperty({ description: 'For Stripe.js confirmCardSetup in the browser' })
  clientSecret!: string;
}

export class StripeProviderView {
  @ApiProperty({ example: 'pk_test_51Nxyz', description: 'For Stripe.js in the browser' })
  publishableKey!: string;
}

export class PaymentProvidersDto {
  @ApiProperty({ description: 'The simulated test cards are accepted (never in production)' })
  simulated!: boolean;

  @ApiProperty({ type: StripeProviderView, nullable: true, description: 'null: Stripe is not configured' })
  stripe!: StripeProviderView | null;
}
