import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { OidcRecordRepository } from './oidc-record.repository';

// Clients are not stored by oidc-provider: they are looked up in our own tables (machine clients),
// so revoking one takes effect on the next token request.
export type ClientLookup = (clientId: string) => Promise<AdapterPayload | undefined>;

// oidc-provider's storage interface over the identity schema.
export class OidcAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly records: OidcRecordRepository,
    private readonly clients: ClientLookup,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    await this.records.upsert(this.model, id, payload, expiresIn);
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    if (this.model === 'Client') {
      return this.clients(id);
    }
    return await this.records.find(this.model, 'id', id);
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return await this.records.find(this.model, 'user_code', userCode);
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return await this.records.find(this.model, 'uid', uid);
  }

  async consume(id: string): Promise<void> {
    await this.records.consume(this.model, id);
  }

  async destroy(id: string): Promise<void> {
    await this.records.destroy(this.model, id);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.records.revokeByGrantId(grantId);
  }
}
