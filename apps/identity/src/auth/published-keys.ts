import type { JWK } from 'jose';

// The public keys identity signs its access tokens with, as it publishes them. The OpenID provider
// supplies them; the guard reads them through this token so that auth does not depend on the provider.
export const PUBLISHED_KEYS = Symbol('PUBLISHED_KEYS');

export interface PublishedKeys {
  publicKeys(): JWK[];
}
