import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';

export class PutBillingProfileDto {
  @ApiProperty({ example: 'Acme S.r.l.' })
  @IsString()
  @Length(1, 200)
  legalName!: string;

  @ApiProperty({ example: 'billing@acme.example' })
  @IsEmail()
  email!: string;

  @ApiPropertyOptional({ example: 'Via Roma 1, 00100 Roma' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;

  @ApiPropertyOptional({ example: 'IT01234567890' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  vatNumber?: string;

  @ApiProperty({ example: 'IT', description: 'ISO 3166-1 alpha-2; the home country for SMS estimates' })
  @Matches(/^[A-Z]{2}$/)
  country!: string;

  @ApiProperty({ example: 'EUR', description: "ISO 4217; from the account's preferences" })
  @Matches(/^[A-Z]{3}$/)
  currency!: string;

  @ApiProperty({ example: 'Europe/Rome', description: 'IANA time zone; invoices follow its calendar' })
  @IsString()
  @MaxLength(64)
  timeZone!: string;
}

// The invoicing entity and its number series (`<issuer>-<year>-000001`): chosen by operators, since
// an invoice number is a legal sequence the customer must not be able to move.
export class PutInvoiceIssuerDto {
  @ApiProperty({
    example: 'SMSC-IT',
    nullable: true,
    description: 'Issuer code and series prefix; null returns the account to the platform issuer',
  })
  @ValidateIf((dto: PutInvoiceIssuerDto) => dto.issuer !== null)
  @Matches(/^[A-Z0-9-]{1,16}$/, { message: 'issuer must be 1-16 upper-case letters, digits or dashes' })
  issuer!: string | null;
}
