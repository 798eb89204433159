import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ROLES, type Role } from '@sms/auth';

export class DevSignInDto {
  @ApiProperty({ example: 'acc_demo' })
  @Matches(/^[\w.:-]{1,64}$/)
  accountId!: string;

  @ApiProperty({ enum: ROLES, example: 'owner' })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ example: 'Giulia Bianchi' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;
}
