import { ApiProperty } from '@nestjs/swagger';

export class CreditNoteResponse {
  @ApiProperty() id!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty() issuer!: string;
  @ApiProperty({ example: 'CN-2026-000001' }) number!: string;
  @ApiProperty() orderId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The invoice the order is on; null: none yet' })
  invoiceNumber!: string | null;
  @ApiProperty({ example: 'refund' }) reason!: string;
  @ApiProperty({ description: 'Money cancelled, in minor units' }) amountMinor!: number;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
}
