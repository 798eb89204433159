import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useState } from 'react';
import { setCsrfToken } from '../api/http';
import type { Role } from './permissions';

export interface SessionUser {
  subject: string;
  name: string | null;
  email: string | null;
  accountId: string;
  role: Role;
}

export interface BffSession {
  signedIn: boolean;
  user: SessionUser | null;
  csrfToken: string | null;
  signInMethods: { provider: boolean; development: boolean };
  stripeJsUrl: string;
}

async function fetchSession(): Promise<BffSession> {
  const response = await fetch('/bff/session', {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  });
  if (!response.ok) {
    throw new Error(`session: ${response.status}`);
  }
  const session = (await response.json()) as BffSession;
  setCsrfToken(session.csrfToken);
  return session;
}

export function useBffSession() {
  return useQuery({ queryKey: ['bff-session'], queryFn: fetchSession, staleTime: 60_000 });
}

interface SignedIn {
  user: SessionUser;
  // The account the pages show: one's own, or for an operator the one they opened.
  accountId: string;
  openAccount: (accountId: string) => void;
}

const SignedInContext = createContext<SignedIn | null>(null);

export function SignedInProvider({ user, children }: { user: SessionUser; children: ReactNode }) {
  const [opened, setOpened] = useState<string | null>(() =>
    user.role === 'operator' ? sessionStorage.getItem('console:account') : null,
  );
  const openAccount = (accountId: string) => {
    sessionStorage.setItem('console:account', accountId);
    setOpened(accountId);
  };
  return (
    <SignedInContext.Provider value={{ user, accountId: opened ?? user.accountId, openAccount }}>
      {children}
    </SignedInContext.Provider>
  );
}

export function useSignedIn(): SignedIn {
  const value = useContext(SignedInContext);
  if (value === null) {
    throw new Error('useSignedIn outside a signed-in page');
  }
  return value;
}

export async function signOut(): Promise<void> {
  const response = await fetch('/auth/logout', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'x-csrf-token': (await fetchSession()).csrfToken ?? '' },
  });
  const { redirectTo } = (await response.json()) as { redirectTo: string };
  window.location.assign(redirectTo);
}
