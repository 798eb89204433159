import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export const DEV_TOKEN_ROLES = ['owner', 'admin', 'billing', 'member', 'gateway', 'operator'] as const;

export class DevTokenDto {
  @ApiProperty({ example: 'acc_demo' })
  @Matches(/^[\w.:@-]{1,128}$/)
  accountId!: string;

  @ApiProperty({ enum: DEV_TOKEN_ROLES })
  @IsIn(DEV_TOKEN_ROLES)
  role!: (typeof DEV_TOKEN_ROLES)[number];

  @ApiPropertyOptional({ example: 'dev@example.com' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  subject?: string;

  @ApiPropertyOptional({ description: 'Lifetime in seconds (default 3600, at most 12 h)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12 * 3600)
  expiresInSeconds?: number;
}
