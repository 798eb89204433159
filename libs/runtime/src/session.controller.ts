import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ACCOUNT_READERS, ApiAuth, CurrentPrincipal, type Principal, Roles } from '@sms/auth';

@ApiTags('session')
@ApiAuth()
@Controller('me')
export class SessionController {
  @Get()
  @Roles(...ACCOUNT_READERS)
  @ApiOkResponse({ description: 'Who the bearer token says you are' })
  whoAmI(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}
