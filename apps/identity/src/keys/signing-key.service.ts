import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { CLOCK, type Clock } from '@sms/runtime';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity.config';
import { keysToPublish } from './key-publication';
import { SigningKey } from './signing-key.entity';
import { SigningKeyRepository } from './signing-key.repository';

export const SIGNING_ALG = 'ES256';

// Keys are made here, at first start and on rotation, and live only in the identity schema.
@Injectable()
export class SigningKeyService {
  private readonly logger = new Logger(SigningKeyService.name);

  constructor(
    private readonly keys: SigningKeyRepository,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async ensureSigningKey(): Promise<void> {
    await this.keys.withKeyLock(async (tx) => {
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
    }).map((key) => key.privateJwk);
  }

  longestTokenSeconds(): number {
    return Math.max(this.config.USER_ACCESS_TOKEN_TTL_SECONDS, this.config.MACHINE_ACCESS_TOKEN_TTL_SECONDS);
  }

  private async create(tx: EntityManager): Promise<SigningKey> {
    const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
    const publicJwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    const key = tx.create(SigningKey, {
      kid,
      alg: SIGNING_ALG,
      privateJwk: { ...(await exportJWK(privateKey)), kid, alg: SIGNING_ALG, use: 'sig' },
      publicJwk: { ...publicJwk, kid, alg: SIGNING_ALG, use: 'sig' },
      createdAt: this.clock.now(),
      retiredAt: null,
    });
    await tx.flush();
    return key;
  }
}
