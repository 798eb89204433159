import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';

export class RecordBankTransferDto {
  @ApiProperty({ example: 'TX-2026-07-10-0042', description: "The bank's own id of the incoming transfer" })
  @Matches(/^[\w.:@/-]{1,128}$/)
  transactionId!: string;

  @ApiProperty({ example: 4500, description: 'Amount received, in the minor unit of the currency' })
  @IsInt()
  @Min(1)
  @Max(1e13)
  amountMinor!: number;

  @ApiProperty({ example: 'EUR' })
  @Matches(/^[A-Z]{3}$/)
  currency!: string;

  @ApiPropertyOptional({ example: '2026-07-10', description: 'Booking date or instant; defaults to now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  receivedAt?: string;
}

export type BankTransferOutcome =
  | 'paid'
  | 'underpaid'
  | 'overpaid'
  | 'duplicate'
  | 'wrong_currency'
  | 'not_awaiting_payment'
  | 'unmatched'
  | 'invalid';

export class BankTransferResult {
  @ApiProperty({
    enum: [
      'paid',
      'underpaid',
      'overpaid',
      'duplicate',
      'wrong_currency',
      'not_awaiting_payment',
      'unmatched',
      'invalid',
    ],
  })
  outcome!: BankTransferOutcome;

  @ApiProperty({ description: 'What an operator reads: what happened and what is left to do' })
  message!: string;

  @ApiPropertyOptional({ nullable: true })
  orderId!: string | null;

  @ApiPropertyOptional({ nullable: true })
  transactionId!: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'The order status after this transfer' })
  orderStatus!: string | null;

  @ApiPropertyOptional({ nullable: true })
  receivedMinor!: number | null;

  @ApiPropertyOptional({ nullable: true })
  dueMinor!: number | null;

  @ApiPropertyOptional({ nullable: true })
  currency!: string | null;
}

export class StatementRowResult extends BankTransferResult {
  @ApiProperty({ description: 'Line of the CSV file (the header is line 1)' })
  line!: number;
}

export class StatementImportResult {
  @ApiProperty({ type: [StatementRowResult] })
  rows!: StatementRowResult[];

  @ApiProperty({ example: { paid: 3, underpaid: 1, unmatched: 1 } })
  summary!: Record<string, number>;
}
