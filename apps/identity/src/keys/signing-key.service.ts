import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { CLOCK, type Clock } from '@sms/runtime';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity.config';
import { keysToPublish } from './key-publication';
import { parseKeyEncryptionKey } from '../config/key-encryption-key';
import { KeyDecryptionError, openPrivateJwk, sealPrivateJwk } from './private-key-cipher';
import { SigningKey } from './signing-key.entity';
import { SigningKeyRepository } from './signing-key.repository';

export const SIGNING_ALG = 'ES256';

// Keys are made here, at first start and on rotation, and live only in the identity schema, their
// private halves sealed with the key-encryption key (IDENTITY_KEY_ENCRYPTION_KEY).
@Injectable()
export class SigningKeyService {
  private readonly logger = new Logger(SigningKeyService.name);
  private readonly kek: Buffer;

  constructor(
    private readonly keys: SigningKeyRepository,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    const kek = parseKeyEncryptionKey(config.IDENTITY_KEY_ENCRYPTION_KEY);
    if (kek === undefined) {
      throw new KeyDecryptionError(
        'IDENTITY_KEY_ENCRYPTION_KEY: must be 32 bytes as 64 hex digits or base64',
      );
    }
    this.kek = kek;
  }

  // At start: every sealed key must open with the configured key-encryption key (a wrong one stops
  // the start here, before anything is sealed with it), keys still stored in clear are sealed, and a
  // signing key is made if there is none.
  async ensureSigningKey(): Promise<void> {
    await this.keys.withKeyLock(async (tx) => {
      const all = await tx.find(SigningKey, {});
      for (const key of all.filter((k) => k.privateKeySealed !== null)) {
        this.open(key);
      }
      const inClear = all.filter((k) => k.privateKeySealed === null && k.privateJwk !== null);
      for (const key of inClear) {
        key.privateKeySealed = sealPrivateJwk({ jwk: key.privateJwk as JWK, kid: key.kid, kek: this.kek });
        key.privateJwk = null;
      }
      if (inClear.length > 0) {
        await tx.flush();
        this.logger.log({ message: 'signing keys sealed at rest', kids: inClear.map((k) => k.kid) });
      }
      const active = await tx.count(SigningKey, { retiredAt: null });
      if (active === 0) {
        const key = await this.create(tx);
        this.logger.log({ message: 'signing key created', kid: key.kid });
      }
    });
  }

  // The new key signs from now on; the previous one stays published until its tokens expired.
  async rotate(): Promise<{ kid: string; retired: string[] }> {
    return this.keys.withKeyLock(async (tx) => {
      const previous = await tx.find(SigningKey, { retiredAt: null });
      const now = this.clock.now();
      for (const key of previous) {
        key.retiredAt = now;
      }
      const key = await this.create(tx);
      this.logger.log({ message: 'signing key rotated', kid: key.kid, retired: previous.map((k) => k.kid) });
      return { kid: key.kid, retired: previous.map((k) => k.kid) };
    });
  }

  // Private JWKs for oidc-provider, in publication order (the first one signs).
  async privateKeys(): Promise<JWK[]> {
    return keysToPublish(await this.keys.all(), {
      now: this.clock.now(),
      longestTokenSeconds: this.longestTokenSeconds(),
    }).map((key) => this.open(key));
  }

  longestTokenSeconds(): number {
    return Math.max(this.config.USER_ACCESS_TOKEN_TTL_SECONDS, this.config.MACHINE_ACCESS_TOKEN_TTL_SECONDS);
  }

  private async create(tx: EntityManager): Promise<SigningKey> {
    const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
    const publicJwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: SIGNING_ALG, use: 'sig' };
    const key = tx.create(SigningKey, {
      kid,
      alg: SIGNING_ALG,
      privateJwk: null,
      privateKeySealed: sealPrivateJwk({ jwk: privateJwk, kid, kek: this.kek }),
      publicJwk: { ...publicJwk, kid, alg: SIGNING_ALG, use: 'sig' },
      createdAt: this.clock.now(),
      retiredAt: null,
    });
    await tx.flush();
    return key;
  }

  private open(key: SigningKey): JWK {
    if (key.privateKeySealed === null) {
      // Only between the migration and the start that seals it.
      if (key.privateJwk === null) {
        throw new KeyDecryptionError(`signing key ${key.kid} has no private key`);
      }
      return key.privateJwk;
    }
    return openPrivateJwk({ sealed: key.privateKeySealed, kid: key.kid, kek: this.kek });
  }
}
