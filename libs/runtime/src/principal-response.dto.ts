import { ApiProperty } from '@nestjs/swagger';
import { type Role, ROLES } from '@sms/auth';

export class PrincipalResponse {
  @ApiProperty({ description: 'The token subject: a user id, an email or a client id' }) subject!: string;
  @ApiProperty({ description: 'The credit account the token acts for' }) accountId!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
}
