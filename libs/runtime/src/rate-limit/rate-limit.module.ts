import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { ClientRateLimitGuard, PrincipalRateLimitGuard } from './rate-limit.guards';
import { rateLimits, type RateLimitSettings } from './rate-limits';

// Global guards run in the order their modules are imported: import ClientRateLimitModule before the
// auth module and PrincipalRateLimitModule after it.
@Module({})
export class ClientRateLimitModule {
  static forRoot(settings: RateLimitSettings): DynamicModule {
    return {
      module: ClientRateLimitModule,
      global: true,
      imports: [ThrottlerModule.forRoot({ throttlers: rateLimits(settings), setHeaders: false })],
      providers: [{ provide: APP_GUARD, useClass: ClientRateLimitGuard }],
      exports: [ThrottlerModule],
    };
  }
}

@Module({ providers: [{ provide: APP_GUARD, useClass: PrincipalRateLimitGuard }] })
export class PrincipalRateLimitModule {}
