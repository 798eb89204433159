import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class OwnerOutcomeResponse {
  @ApiProperty({ example: 'acc_demo' })
  accountId!: string;

  @ApiProperty({ example: 'owner@example.com' })
  email!: string;

  @ApiProperty({
    enum: ['owner', 'invited'],
    description: 'owner: the person exists with the given password; invited: an invitation was emailed',
  })
  status!: 'owner' | 'invited';

  @ApiPropertyOptional({ description: 'Present when status is owner' })
  userId?: string;

  @ApiPropertyOptional({ description: 'Present when status is invited' })
  invitationId?: string;
}

export class OperatorCreatedResponse {
  @ApiProperty()
  userId!: string;
}
