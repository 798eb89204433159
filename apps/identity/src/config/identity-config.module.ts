import { DynamicModule, Global, Module } from '@nestjs/common';
import { IDENTITY_CONFIG, type IdentityConfig } from './identity.config';

// The validated config, available to every feature module of identity.
@Global()
@Module({})
export class IdentityConfigModule {
  static forRoot(config: IdentityConfig): DynamicModule {
    return {
      module: IdentityConfigModule,
      providers: [{ provide: IDENTITY_CONFIG, useValue: config }],
      exports: [IDENTITY_CONFIG],
    };
  }
}
