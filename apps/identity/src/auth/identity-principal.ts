// Who an access token says the caller is: a person (sub = user id) or a machine (sub = client id).
export interface IdentityPrincipal {
  subject: string;
  accountId: string;
  role: string;
}
