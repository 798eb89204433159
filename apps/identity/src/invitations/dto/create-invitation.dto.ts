import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, MaxLength } from 'class-validator';
import { MEMBERSHIP_ROLES, type MembershipRole } from '../../members/membership-role';

export class CreateInvitationDto {
  @ApiProperty({ example: 'ann@shop.example' })
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ enum: MEMBERSHIP_ROLES })
  @IsIn(MEMBERSHIP_ROLES)
  role!: MembershipRole;
}
