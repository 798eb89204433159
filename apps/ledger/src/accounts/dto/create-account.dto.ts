import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { AccountSettingsDto } from './account-settings.dto';

export class CreateAccountDto extends AccountSettingsDto {
  @ApiProperty({ example: 'acc_42' })
  @Matches(/^[\w.:@-]{1,128}$/)
  id!: string;
}
