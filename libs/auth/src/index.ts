export { assertAccountAccess, canAccessAccount } from './account-access';
export { ApiAuth } from './api-auth.decorator';
export {
  AUTH_OPTIONS,
  type AuthModuleAsyncOptions,
  type AuthOptions,
  DEFAULT_CLOCK_TOLERANCE_SECONDS,
} from './auth-options';
export { AuthModule } from './auth.module';
export { bearerToken } from './bearer-token';
export type { AuthenticatedRequest } from './authenticated-request';
export { CurrentPrincipal } from './current-principal.decorator';
export { documentRoles } from './document-roles';
export { discoveryUrl } from './issuer-key-set';
export { JwtAuthGuard } from './jwt-auth.guard';
export type { Principal } from './principal';
export { IS_PUBLIC_KEY, Public, PUBLIC_EXTENSION } from './public.decorator';
export {
  ACCOUNT_ADMINS,
  ACCOUNT_READERS,
  BILLING_MANAGERS,
  HOLD_USERS,
  isRole,
  ROLES,
  type Role,
} from './role';
export { Roles, ROLES_EXTENSION, ROLES_KEY } from './roles.decorator';
export { ACCEPTED_ALGORITHMS, TokenVerifier } from './token-verifier';
