import { PLATFORM_ACCOUNT } from '../oidc/token-claims.service';

export interface AccountOption {
  accountId: string;
  role: string;
  operator: boolean;
}

// What a person may sign in as: each membership, and the whole platform for an operator.
export function accountOptions(options: {
  memberships: readonly { accountId: string; role: string }[];
  operator: boolean;
}): AccountOption[] {
  const members = options.memberships.map((m) => ({ accountId: m.accountId, role: m.role, operator: false }));
  return options.operator
    ? [{ accountId: PLATFORM_ACCOUNT, role: 'operator', operator: true }, ...members]
    : members;
}
