import { useQuery } from '@tanstack/react-query';
import { billing, ledger } from '../api/http';
import { useSignedIn } from './session';

// How often balances are read again while a page is open: a running campaign's spend, holds and an
// arriving auto top-up show without a reload.
export const BALANCE_REFRESH_MS = 5_000;

export function useAccount() {
  const { accountId } = useSignedIn();
  return useQuery({
    queryKey: ['account', accountId],
    queryFn: () => ledger.request('get', '/accounts/{accountId}', { path: { accountId } }),
    staleTime: 60_000,
  });
}

// The account's time zone: every date on every page is shown in it.
export function useTimeZone(): string {
  return useAccount().data?.timeZone ?? 'UTC';
}

export function useBillingProfile() {
  const { accountId } = useSignedIn();
  return useQuery({
    queryKey: ['billing-profile', accountId],
    queryFn: () => billing.request('get', '/accounts/{accountId}/billing-profile', { path: { accountId } }),
    staleTime: 60_000,
    retry: false,
  });
}

export function useBalance(country?: string) {
  const { accountId } = useSignedIn();
  return useQuery({
    queryKey: ['balance', accountId, country ?? null],
    queryFn: () =>
      ledger.request('get', '/accounts/{accountId}/balance', {
        path: { accountId },
        query: country === undefined ? {} : { country },
      }),
    refetchInterval: BALANCE_REFRESH_MS,
  });
}
