import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';

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

interface ProfileRow {
  account_id: string;
  legal_name: string;
  email: string;
  address: string;
  vat_number: string | null;
  country: string;
  currency: string;
  time_zone: string;
  issuer: string | null;
}

const COLUMNS = 'account_id, legal_name, email, address, vat_number, country, currency, time_zone, issuer';

@Injectable()
export class BillingProfileRepository {
  async find(em: EntityManager, accountId: string): Promise<BillingProfile | null> {
    const [row] = await em.execute<ProfileRow[]>(
      `select ${COLUMNS} from billing.billing_profile where account_id = ?`,
      [accountId],
    );
    return row === undefined ? null : toProfile(row);
  }

  async all(em: EntityManager): Promise<BillingProfile[]> {
    const rows = await em.execute<ProfileRow[]>(
      `select ${COLUMNS} from billing.billing_profile order by account_id`,
    );
    return rows.map(toProfile);
  }

  async setIssuer(
    em: EntityManager,
    accountId: string,
    issuer: string | null,
  ): Promise<BillingProfile | null> {
    const [row] = await em.execute<ProfileRow[]>(
      `update billing.billing_profile set issuer = ?, updated_at = now() where account_id = ? returning ${COLUMNS}`,
      [issuer, accountId],
    );
    return row === undefined ? null : toProfile(row);
  }

  // The customer's own data; the issuer is kept as operators set it (setIssuer).
  async upsert(em: EntityManager, profile: BillingProfile): Promise<BillingProfile> {
    const [row] = await em.execute<ProfileRow[]>(
      `insert into billing.billing_profile (${COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (account_id) do update set legal_name = excluded.legal_name, email = excluded.email,
         address = excluded.address, vat_number = excluded.vat_number, country = excluded.country,
         currency = excluded.currency, time_zone = excluded.time_zone, updated_at = now()
       returning ${COLUMNS}`,
      [
        profile.accountId,
        profile.legalName,
        profile.email,
        profile.address,
        profile.vatNumber,
        profile.country,
        profile.currency,
        profile.timeZone,
        profile.issuer,
      ],
    );
    return toProfile(row);
  }
}

function toProfile(row: ProfileRow): BillingProfile {
  return {
    accountId: row.account_id,
    legalName: row.legal_name,
    email: row.email,
    address: row.address,
    vatNumber: row.vat_number,
    country: row.country,
    currency: row.currency,
    timeZone: row.time_zone,
    issuer: row.issuer,
  };
}
