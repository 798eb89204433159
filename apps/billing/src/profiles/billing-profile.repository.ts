import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CLOCK, type Clock } from '@sms/runtime';
import { BillingProfileRecord } from './billing-profile.entity';

export interface BillingProfile {
  accountId: string;
  legalName: string;
  email: string;
  address: string;
  vatNumber: string | null;
  country: string;
  currency: string;
  timeZone: string;
  issuer: string | null;
}

@Injectable()
export class BillingProfileRepository {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  async find(em: EntityManager, accountId: string): Promise<BillingProfile | null> {
    const record = await em.findOne(BillingProfileRecord, { accountId });
    return record === null ? null : toProfile(record);
  }

  async all(em: EntityManager): Promise<BillingProfile[]> {
    const records = await em.find(BillingProfileRecord, {}, { orderBy: { accountId: 'asc' } });
    return records.map(toProfile);
  }

  async setIssuer(
    em: EntityManager,
    accountId: string,
    issuer: string | null,
  ): Promise<BillingProfile | null> {
    const record = await em.findOne(BillingProfileRecord, { accountId });
    if (record === null) {
      return null;
    }
    record.issuer = issuer;
    record.updatedAt = this.clock.now();
    await em.flush();
    return toProfile(record);
  }

  // The customer's own data; the issuer is kept as operators set it (setIssuer). One statement, so a
  // concurrent first save of the same account updates instead of failing on the key.
  async upsert(em: EntityManager, profile: BillingProfile): Promise<BillingProfile> {
    const record = await em.upsert(
      BillingProfileRecord,
      { ...profile, updatedAt: this.clock.now() },
      { onConflictExcludeFields: ['issuer', 'createdAt'] },
    );
    await em.flush();
    return toProfile(record);
  }
}

function toProfile(record: BillingProfileRecord): BillingProfile {
  return {
    accountId: record.accountId,
    legalName: record.legalName,
    email: record.email,
    address: record.address,
    vatNumber: record.vatNumber,
    country: record.country,
    currency: record.currency,
    timeZone: record.timeZone,
    issuer: record.issuer,
  };
}
