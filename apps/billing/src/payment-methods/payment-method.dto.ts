import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';

export class AddPaymentMethodDto {
  @ApiProperty({ enum: ['simulated', 'stripe'] })
  @IsIn(['simulated', 'stripe'])
  provider!: 'simulated' | 'stripe';

  @ApiPropertyOptional({
    example: '4242424242424242',
    description:
      'Simulated provider only: a test card number (4242424242424242 succeeds, 4000000000000002 is declined, 4000000000000069 is expired, 4000000000009995 has insufficient funds). Never stored.',
  })
  @ValidateIf((dto: AddPaymentMethodDto) => dto.provider === 'simulated')
  @Matches(/^\d{12,19}$/)
  cardNumber?: string;

  @ApiPropertyOptional({ example: 'pm_1Nxyz', description: 'Stripe only: the saved PaymentMethod id' })
  @ValidateIf((dto: AddPaymentMethodDto) => dto.provider === 'stripe')
  @Matches(/^pm_\w+$/)
  stripePaymentMethodId?: string;

  @ApiPropertyOptional({
    example: 'cus_Nxyz',
    description: 'Stripe only: the customer the card is attached to',
  })
  @ValidateIf((dto: AddPaymentMethodDto) => dto.provider === 'stripe')
  @Matches(/^cus_\w+$/)
  stripeCustomerId?: string;

  @ApiPropertyOptional({ example: 'visa', description: 'Stripe only: brand as Stripe reports it' })
  @ValidateIf((dto: AddPaymentMethodDto) => dto.provider === 'stripe')
  @Matches(/^[a-z_]{2,20}$/)
  brand?: string;

  @ApiPropertyOptional({ example: '4242', description: 'Stripe only: last four digits' })
  @ValidateIf((dto: AddPaymentMethodDto) => dto.provider === 'stripe')
  @Matches(/^\d{4}$/)
  last4?: string;

  @ApiProperty({ example: 12 })
  @IsInt()
  @Min(1)
  @Max(12)
  expMonth!: number;

  @ApiProperty({ example: 2030 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  expYear!: number;
}

export class UpdatePaymentMethodDto {
  @ApiPropertyOptional({
    example: '4242424242424242',
    description: 'Simulated cards: the replacement card number',
  })
  @IsOptional()
  @Matches(/^\d{12,19}$/)
  cardNumber?: string;

  @ApiProperty({ example: 12 })
  @IsInt()
  @Min(1)
  @Max(12)
  expMonth!: number;

  @ApiProperty({ example: 2031 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  expYear!: number;
}
