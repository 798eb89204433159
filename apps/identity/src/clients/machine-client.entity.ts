import { EntitySchema } from '@mikro-orm/core';

// An OAuth2 client-credentials client (an SMS gateway, a payment adapter) acting for one account.
export class MachineClient {
  clientId!: string;
  accountId!: string;
  name!: string;
  role = 'gateway' as const;
  // SHA-256 of the secret, which is shown once when the client is created.
  secretHash!: string;
  createdBy!: string;
  createdAt: Date = new Date();
  revokedAt: Date | null = null;
}

export const MachineClientSchema = new EntitySchema<MachineClient>({
  class: MachineClient,
  tableName: 'machine_client',
  properties: {
    clientId: { type: 'string', primary: true },
    accountId: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    secretHash: { type: 'string' },
    createdBy: { type: 'string' },
    createdAt: { type: 'Date' },
    revokedAt: { type: 'Date', nullable: true },
  },
});
