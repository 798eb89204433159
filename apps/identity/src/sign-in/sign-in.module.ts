import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { OidcModule } from '../oidc/oidc.module';
import { UsersModule } from '../users/users.module';
import { InteractionController } from './interaction.controller';
import { InteractionGrantService } from './interaction-grant.service';
import { SignInThrottleRepository } from './sign-in-throttle.repository';
import { SignInService } from './sign-in.service';

@Module({
  imports: [OidcModule, UsersModule, MembersModule],
  controllers: [InteractionController],
  providers: [SignInService, SignInThrottleRepository, InteractionGrantService],
  exports: [SignInService],
})
export class SignInModule {}
