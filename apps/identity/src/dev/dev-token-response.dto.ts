import { ApiProperty } from '@nestjs/swagger';

export class DevTokenResponse {
  @ApiProperty()
  access_token!: string;

  @ApiProperty({ enum: ['Bearer'] })
  token_type!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the token expires' })
  expires_in!: number;
}
