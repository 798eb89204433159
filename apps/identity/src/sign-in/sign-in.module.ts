import { Module } from '@nestjs/common';
import { OidcModule } from '../oidc/oidc.module';
import { UsersModule } from '../users/users.module';
import { InteractionController } from './interaction.controller';
import { InteractionGrantService } from './interaction-grant.service';
import { SignInThrottleRepository } from './sign-in-throttle.repository';
import { SignInService } from './sign-in.service';

@Module({
  imports: [OidcModule, UsersModule],
  controllers: [InteractionController],
  providers: [SignInService, SignInThrottleRepository, InteractionGrantService],
  exports: [SignInService],
})
export class SignInModule {}
