import { EntitySchema } from '@mikro-orm/core';
import type { JWK } from 'jose';

// A key that signs tokens. The newest unretired key signs; retired keys stay published until every
// token they signed has expired. The private half is stored sealed (private-key-cipher.ts);
// `privateJwk` holds it in clear only in rows written before sealing existed, until the next start.
export class SigningKey {
  kid!: string;
  alg!: string;
  privateJwk: JWK | null = null;
  privateKeySealed: string | null = null;
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
    privateJwk: { type: 'json', nullable: true },
    privateKeySealed: { type: 'text', nullable: true },
    publicJwk: { type: 'json' },
    createdAt: { type: 'Date' },
    retiredAt: { type: 'Date', nullable: true },
  },
});
