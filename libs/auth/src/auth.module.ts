import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';

import {
  AUTH_OPTIONS,
  type AuthModuleAsyncOptions,
  type AuthOptions,
  validateAuthOptions,
} from './auth-options';
import { JwtAuthGuard } from './jwt-auth.guard';
import { TokenVerifier } from './token-verifier';

const SHARED_PROVIDERS: Provider[] = [TokenVerifier, { provide: APP_GUARD, useClass: JwtAuthGuard }];

@Module({})
export class AuthModule {
  static forRoot(options: AuthOptions): DynamicModule {
    return AuthModule.build([{ provide: AUTH_OPTIONS, useValue: validateAuthOptions(options) }]);
  }

  static forRootAsync(options: AuthModuleAsyncOptions): DynamicModule {
    const optionsProvider: Provider = {
      provide: AUTH_OPTIONS,
      useFactory: async (...args: unknown[]) => validateAuthOptions(await options.useFactory(...args)),
      inject: options.inject ?? [],
    };
    return AuthModule.build([optionsProvider], options.imports);
  }

  private static build(optionsProviders: Provider[], imports: DynamicModule['imports'] = []): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      imports,
      providers: [...optionsProviders, ...SHARED_PROVIDERS],
      exports: [AUTH_OPTIONS, TokenVerifier],
    };
  }
}
