import type { FactoryProvider, ModuleMetadata } from '@nestjs/common';

export interface AuthOptions {
  secret: string;
  issuer?: string;
  audience?: string;
}

export interface AuthModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors Nest's own factory provider typing
  useFactory: (...args: any[]) => AuthOptions | Promise<AuthOptions>;
  inject?: FactoryProvider['inject'];
}

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

// JWT verification is only as strong as the secret, so a missing one must stop the app at boot.
export function validateAuthOptions(options: AuthOptions): AuthOptions {
  if (typeof options?.secret !== 'string' || options.secret.length === 0) {
    throw new Error('AuthModule requires a non-empty JWT secret');
  }
  return options;
}
