import { ApiProperty } from '@nestjs/swagger';

export class BillingProfileResponse {
  @ApiProperty() accountId!: string;
  @ApiProperty({ example: 'Acme S.r.l.' }) legalName!: string;
  @ApiProperty({ example: 'billing@acme.example' }) email!: string;
  @ApiProperty() address!: string;
  @ApiProperty({ type: String, nullable: true }) vatNumber!: string | null;
  @ApiProperty({ example: 'IT' }) country!: string;
  @ApiProperty({ example: 'EUR', description: 'The currency the account buys in' }) currency!: string;
  @ApiProperty({ example: 'Europe/Rome' }) timeZone!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The account's invoice issuer and number series; null: the platform's",
  })
  issuer!: string | null;
}
