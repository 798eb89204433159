// What an access token carries besides its subject: the credit account it acts for and the role.
export interface TokenClaims {
  accountId: string;
  role: string;
}
