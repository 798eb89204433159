import type { Role } from '@sms/auth';

// Who is signed in, as the console's pages need it: never a token.
export interface SessionUser {
  subject: string;
  name: string | null;
  email: string | null;
  accountId: string;
  role: Role;
}

// A sign-in in progress: what the callback must check (state) and prove (the PKCE verifier).
export interface PendingSignIn {
  state: string;
  codeVerifier: string;
  nonce: string;
  returnTo: string;
}

export interface SessionTokens {
  accessToken: string;
  // Seconds since the epoch.
  accessTokenExpiresAt: number;
  refreshToken: string | null;
  idToken: string | null;
}

export interface SessionData {
  csrfToken: string;
  pending: PendingSignIn | null;
  user: SessionUser | null;
  tokens: SessionTokens | null;
}
