import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiAuth, CurrentPrincipal, type Principal } from '@sms/auth';

@ApiTags('session')
@ApiAuth()
@Controller('me')
export class SessionController {
  @Get()
  @ApiOkResponse({ description: 'Who the bearer token says you are' })
  whoAmI(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}
