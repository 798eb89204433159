import { EntitySchema } from '@mikro-orm/core';
import type { JWK } from 'jose';

// A key that signs tokens. The newest unretired key signs; retired keys stay published until every
// token they signed has expired.
export class SigningKey {
  kid!: string;
  alg!: string;
  privateJwk!: JWK;
  publicJwk!: JWK;
  createdAt: Date = new Date();
  retiredAt: Date | null = null;
}

export const SigningKeySchema = new EntitySchema<SigningKey>({
  class: SigningKey,
  tableName: 'signing_key',
  properties: {
    kid: { type: 'string', primary: true },
    alg: { type: 'string' },
    privateJwk: { type: 'json' },
    publicJwk: { type: 'json' },
    createdAt: { type: 'Date' },
    retiredAt: { type: 'Date', nullable: true },
  },
});
