import { EntitySchema } from '@mikro-orm/core';
import type { MembershipRole } from '../members/membership-role';

// An offer to join a credit account with a role, redeemable once through the emailed link.
export class Invitation {
  id!: string;
  accountId!: string;
  email!: string;
  role!: MembershipRole;
  // SHA-256 of the secret in the link; the secret itself only travels in the email.
  tokenHash!: string;
  invitedBy!: string;
  expiresAt!: Date;
  acceptedAt: Date | null = null;
  revokedAt: Date | null = null;
  createdAt: Date = new Date();
}

export const InvitationSchema = new EntitySchema<Invitation>({
  class: Invitation,
  tableName: 'invitation',
  properties: {
    id: { type: 'string', primary: true },
    accountId: { type: 'string' },
    email: { type: 'string' },
    role: { type: 'string' },
    tokenHash: { type: 'string' },
    invitedBy: { type: 'string' },
    expiresAt: { type: 'Date' },
    acceptedAt: { type: 'Date', nullable: true },
    revokedAt: { type: 'Date', nullable: true },
    createdAt: { type: 'Date' },
  },
});
