import { isRole } from '@sms/auth';
import type { SessionUser } from '../session/session';

export class UnusableTokenError extends Error {}

// Reads who signed in from what the provider returned. The access token is the one the services
// will judge, so the account and role come from it; name and email from the ID token. The console
// received both straight from the token endpoint, and the services verify every call anyway.
export function sessionUserFrom(accessToken: string, idClaims: Record<string, unknown>): SessionUser {
  const claims = decodePayload(accessToken);
  const accountId = claims.accountId ?? idClaims.accountId;
  const role = claims.role ?? idClaims.role;
  const subject = claims.sub ?? idClaims.sub;
  if (typeof accountId !== 'string' || accountId.length === 0) {
    throw new UnusableTokenError('the access token names no account (accountId claim)');
  }
  if (!isRole(role)) {
    throw new UnusableTokenError('the access token carries no known role');
  }
  if (typeof subject !== 'string') {
    throw new UnusableTokenError('the access token has no subject');
  }
  return {
    subject,
    accountId,
    role,
    name: stringOrNull(idClaims.name),
    email: stringOrNull(idClaims.email ?? claims.email),
  };
}

function decodePayload(jwt: string): Record<string, unknown> {
  const part = jwt.split('.')[1];
  if (part === undefined) {
    throw new UnusableTokenError('the access token is not a JWT');
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) {
      throw new UnusableTokenError('the access token payload is not an object');
    }
    return parsed as Record<string, unknown>;
  } catch (error) {
    if (error instanceof UnusableTokenError) {
      throw error;
    }
    throw new UnusableTokenError('the access token payload is not JSON');
  }
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}
