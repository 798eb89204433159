import { ApiProperty } from '@nestjs/swagger';

export class ExpiryRunResponse {
  @ApiProperty({ description: 'false: another replica holds the job lock' }) ran!: boolean;
  @ApiProperty() expiredLots!: number;
  @ApiProperty() expiredMillicredits!: number;
  @ApiProperty({ description: 'credits.expiring warnings sent' }) warnings!: number;
}
