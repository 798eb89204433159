import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ACCOUNT_READERS, ApiAuth, CurrentPrincipal, type Principal, Roles } from '@sms/auth';
import { PrincipalResponse } from './principal-response.dto';

@ApiTags('session')
@ApiAuth()
@Controller('me')
export class SessionController {
  @Get()
  @Roles(...ACCOUNT_READERS)
  @ApiOkResponse({ type: PrincipalResponse, description: 'Who the bearer token says you are' })
  whoAmI(@CurrentPrincipal() principal: Principal): PrincipalResponse {
    return principal;
  }
}
