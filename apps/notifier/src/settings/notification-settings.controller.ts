import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ACCOUNT_ADMINS, ACCOUNT_READERS, ApiAuth, Roles } from '@sms/auth';
import { NotificationSettingsInput, NotificationSettingsView } from './dto/notification-settings.dto';
import { NotificationSettingsService } from './notification-settings.service';

@ApiTags('notification settings')
@ApiAuth()
@Controller('accounts/:accountId/notification-settings')
export class NotificationSettingsController {
  constructor(private readonly settings: NotificationSettingsService) {}

  @Get()
  @Roles(...ACCOUNT_READERS)
  @ApiOkResponse({ type: NotificationSettingsView })
  @ApiNotFoundResponse({ description: 'The account has no notification settings yet' })
  async get(@Param('accountId') accountId: string): Promise<NotificationSettingsView> {
    return NotificationSettingsView.of(await this.settings.get(accountId));
  }

  // Owners and admins of the account change who is told what; operators may act on any account.
  @Put()
  @Roles(...ACCOUNT_ADMINS, 'operator')
  @ApiOkResponse({ type: NotificationSettingsView })
  @ApiBadRequestResponse({ description: 'Invalid e-mail address, level, language or time zone' })
  async put(
    @Param('accountId') accountId: string,
    @Body() input: NotificationSettingsInput,
  ): Promise<NotificationSettingsView> {
    return NotificationSettingsView.of(await this.settings.save(accountId, input));
  }
}
