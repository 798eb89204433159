import { Injectable, NotFoundException, Inject } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AdapterPayload } from 'oidc-provider';
import { SessionRevocationRepository } from '../sessions/session-revocation.repository';
import { CLOCK, type Clock } from '@sms/runtime';
import { newId } from '../users/ids';
import type { TokenClaims } from '../auth/token-claims';
import { generateClientSecret, hashClientSecret } from './client-secret';
import { MachineClient } from './machine-client.entity';

export interface CreatedClient {
  clientId: string;
  clientSecret: string;
  accountId: string;
  name: string;
  role: 'gateway';
  createdAt: string;
}

// Client-credentials clients for machines. The secret is returned once, at creation; only its hash
// is kept, and a revoked client is not found by the token endpoint any more.
@Injectable()
export class MachineClientService {
  constructor(
    private readonly em: EntityManager,
    private readonly sessions: SessionRevocationRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(options: { accountId: string; name: string; createdBy: string }): Promise<CreatedClient> {
    const em = this.em.fork();
    const clientSecret = generateClientSecret();
    const client = em.create(MachineClient, {
      clientId: newId('gw'),
      accountId: options.accountId,
      name: options.name.trim(),
      role: 'gateway',
      secretHash: hashClientSecret(clientSecret),
      createdBy: options.createdBy,
      createdAt: this.clock.now(),
      revokedAt: null,
    });
    await em.flush();
    return {
      clientId: client.clientId,
      clientSecret,
      accountId: client.accountId,
      name: client.name,
      role: client.role,
      createdAt: client.createdAt.toISOString(),
    };
  }

  list(accountId: string): Promise<MachineClient[]> {
    return this.em.fork().find(MachineClient, { accountId }, { orderBy: { createdAt: 'asc' } });
  }

  async revoke(accountId: string, clientId: string): Promise<MachineClient> {
    const em = this.em.fork();
    const client = await em.findOne(MachineClient, { clientId, accountId });
    if (client === null) {
      throw new NotFoundException(`No client ${clientId} on account ${accountId}`);
    }
    const revokedAt = client.revokedAt ?? this.clock.now();
    await em.transactional(async (tx) => {
      await tx.nativeUpdate(MachineClient, { clientId }, { revokedAt });
      await this.sessions.revokeClient(tx, clientId);
    });
    client.revokedAt = revokedAt;
    return client;
  }

  // What oidc-provider sees of a client: client credentials only, and the hash in place of the secret.
  async clientMetadata(clientId: string): Promise<AdapterPayload | undefined> {
    const client = await this.em.fork().findOne(MachineClient, { clientId, revokedAt: null });
    if (client === null) {
      return undefined;
    }
    return {
      client_id: client.clientId,
      client_secret: client.secretHash,
      client_name: client.name,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
    };
  }

  async claims(clientId: string): Promise<TokenClaims | undefined> {
    const client = await this.em.fork().findOne(MachineClient, { clientId, revokedAt: null });
    return client === null ? undefined : { accountId: client.accountId, role: client.role };
  }
}
