import type { FactoryProvider, ModuleMetadata } from '@nestjs/common';

export interface AuthOptions {
  // The issuer identifier: tokens must carry it as `iss`, and its discovery document names the JWKS.
  issuerUrl: string;
  // Tokens must name it in `aud`.
  audience: string;
  // Where the token says which credit account it acts for, and with which role; a dotted name such
  // as `realm_access.roles` reaches into a nested claim when no top-level claim has that exact name.
  accountClaim: string;
  roleClaim: string;
  // Skips discovery, for providers whose discovery document is not reachable from the services.
  jwksUrl?: string;
  // Allowance for clocks that disagree a little between the issuer and the services.
  clockToleranceSeconds?: number;
  // Least time between two JWKS fetches, so tokens with made-up key ids cannot flood the issuer.
  jwksCooldownMs?: number;
  // How long a fetched JWKS is trusted before it is fetched again.
  jwksMaxAgeMs?: number;
}

export interface AuthModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors Nest's own factory provider typing
  useFactory: (...args: any[]) => AuthOptions | Promise<AuthOptions>;
  inject?: FactoryProvider['inject'];
}

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;
export const DEFAULT_JWKS_COOLDOWN_MS = 5_000;
export const DEFAULT_JWKS_MAX_AGE_MS = 10 * 60_000;

// Verification is only as strong as the issuer it trusts, so a missing one must stop the app at boot.
export function validateAuthOptions(options: AuthOptions): AuthOptions {
  for (const name of ['issuerUrl', 'audience', 'accountClaim', 'roleClaim'] as const) {
    if (typeof options?.[name] !== 'string' || options[name].length === 0) {
      throw new Error(`AuthModule requires ${name}`);
    }
  }
  for (const name of ['issuerUrl', 'jwksUrl'] as const) {
    const value = options[name];
    if (value !== undefined && !isHttpUrl(value)) {
      throw new Error(`AuthModule requires ${name} to be an http(s) URL`);
    }
  }
  return options;
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
