export { assertAccountAccess, canAccessAccount } from './account-access';
export { ApiAuth } from './api-auth.decorator';
export { AUTH_OPTIONS, type AuthModuleAsyncOptions, type AuthOptions } from './auth-options';
export { AuthModule } from './auth.module';
export type { AuthenticatedRequest } from './authenticated-request';
export { CurrentPrincipal } from './current-principal.decorator';
export { JwtAuthGuard } from './jwt-auth.guard';
export type { Principal } from './principal';
export { IS_PUBLIC_KEY, Public } from './public.decorator';
export { ACCOUNT_ADMINS, ACCOUNT_READERS, BILLING_MANAGERS, isRole, ROLES, type Role } from './role';
export { Roles, ROLES_KEY } from './roles.decorator';
export {
  DEFAULT_TOKEN_EXPIRY,
  signToken,
  type SignTokenOptions,
  type TokenClaimsInput,
  type TokenExpiry,
  TokenSigner,
} from './token-signer';
export { TokenVerifier } from './token-verifier';
