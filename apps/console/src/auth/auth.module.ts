import { Module } from '@nestjs/common';
import { SessionModule } from '../session/session.module';
import { AccessTokens } from './access-tokens.service';
import { AuthController } from './auth.controller';
import { DevSignIn } from './dev-sign-in';
import { OidcClient } from './oidc-client';

@Module({
  imports: [SessionModule],
  controllers: [AuthController],
  providers: [OidcClient, AccessTokens, DevSignIn],
  exports: [AccessTokens, OidcClient],
})
export class ConsoleAuthModule {}
