import { ApiProperty } from '@nestjs/swagger';
import { toMillicredits } from '../shared/credit-units';
import type { Invoice } from './invoice.repository';

export class InvoiceLineResponse {
  @ApiProperty() orderId!: string;
  @ApiProperty({ example: 'SMS credits' }) description!: string;
  @ApiProperty({ example: 100_000_000, description: 'Credits bought, in millicredits' })
  amountMillicredits!: number;
  @ApiProperty({ description: 'Price in minor units' }) amountMinor!: number;
  @ApiProperty({ format: 'date-time' }) paidAt!: string;
}

export class BilledToResponse {
  @ApiProperty() legalName!: string;
  @ApiProperty() email!: string;
  @ApiProperty() address!: string;
  @ApiProperty({ type: String, nullable: true }) vatNumber!: string | null;
  @ApiProperty({ example: 'IT' }) country!: string;
}

export class InvoiceResponse {
  @ApiProperty() id!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty() issuer!: string;
  @ApiProperty({ example: 'INV-2026-000042' }) number!: string;
  @ApiProperty({ format: 'date' }) periodStart!: string;
  @ApiProperty({ format: 'date' }) periodEnd!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ description: 'Total in minor units' }) totalMinor!: number;
  @ApiProperty({ type: [InvoiceLineResponse] }) lines!: InvoiceLineResponse[];
  @ApiProperty({ type: BilledToResponse }) billedTo!: BilledToResponse;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;

  static of(invoice: Invoice): InvoiceResponse {
    return Object.assign(new InvoiceResponse(), {
      ...invoice,
      lines: invoice.lines.map(({ credits, ...line }) => ({
        ...line,
        amountMillicredits: toMillicredits(credits),
      })),
    });
  }
}

export class InvoicePageResponse {
  @ApiProperty({ type: [InvoiceResponse] }) items!: InvoiceResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass back as cursor for the next page; null on the last one',
  })
  nextCursor!: string | null;
}
