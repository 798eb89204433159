import { ApiProperty } from '@nestjs/swagger';

export class PaymentMethodResponse {
  @ApiProperty() id!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty({ enum: ['simulated', 'stripe'] }) provider!: string;
  @ApiProperty({ example: 'visa' }) brand!: string;
  @ApiProperty({ example: '4242' }) last4!: string;
  @ApiProperty({ example: 12 }) expMonth!: number;
  @ApiProperty({ example: 2030 }) expYear!: number;
  @ApiProperty({ enum: ['active', 'removed'] }) status!: 'active' | 'removed';
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'When a charge was refused',
  })
  failedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'card_declined' }) failureCode!: string | null;
}
