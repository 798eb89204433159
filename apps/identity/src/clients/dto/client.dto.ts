import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ClientDto {
  @ApiProperty() clientId!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['gateway'] }) role!: 'gateway';
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
}

export class CreatedClientDto {
  @ApiProperty() clientId!: string;
  @ApiProperty({ description: 'Shown this once; only a hash is kept' }) clientSecret!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['gateway'] }) role!: 'gateway';
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
