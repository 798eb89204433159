import {
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AccountContactsUpdated, eventEnvelope } from '@sms/contracts';
import { Outbox } from '@sms/messaging';
import { IANAZone } from 'luxon';
import { UnitOfWork } from '@sms/persistence';
import { CLOCK, type Clock } from '@sms/runtime';
import { PriceListRepository } from '../price-lists/price-list.repository';
import { BillingProfile, BillingProfileRepository } from './billing-profile.repository';
import type { PutBillingProfileDto } from './billing-profile.dto';

@Injectable()
export class BillingProfilesService {
  constructor(
    private readonly transactions: UnitOfWork,
    private readonly profiles: BillingProfileRepository,
    private readonly priceLists: PriceListRepository,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async get(accountId: string): Promise<BillingProfile> {
    const profile = await this.transactions.run((tx) => this.profiles.find(tx, accountId));
    if (profile === null) {
      throw new NotFoundException(`Account ${accountId} has no billing profile`);
    }
    return profile;
  }

  // The profile every purchase needs: its currency picks the price list.
  async require(tx: EntityManager, accountId: string): Promise<BillingProfile> {
    const profile = await this.profiles.find(tx, accountId);
    if (profile === null) {
      throw new ConflictException(`Account ${accountId} has no billing profile; PUT one first`);
    }
    return profile;
  }

  async setIssuer(accountId: string, issuer: string | null): Promise<BillingProfile> {
    const profile = await this.transactions.run((tx) => this.profiles.setIssuer(tx, accountId, issuer));
    if (profile === null) {
      throw new NotFoundException(`Account ${accountId} has no billing profile`);
    }
    return profile;
  }

  async put(accountId: string, dto: PutBillingProfileDto): Promise<BillingProfile> {
    if (!IANAZone.isValidZone(dto.timeZone)) {
      throw new UnprocessableEntityException(`timeZone ${dto.timeZone} is not an IANA time zone`);
    }
    const profile = await this.transactions.run(async (tx) => {
      if ((await this.priceLists.find(tx, dto.currency)) === null) {
        throw new UnprocessableEntityException(`No price list in ${dto.currency}`);
      }
      const existing = await this.profiles.find(tx, accountId);
      if (existing !== null && existing.currency !== dto.currency) {
        const [used] = await tx.execute<{ n: number }[]>(
          'select count(*)::int as n from billing.purchase_order where account_id = ?',
          [accountId],
        );
        // An account invoices in one currency; switching after purchases would split its invoices.
        if (used.n > 0) {
          throw new ConflictException('The currency cannot change once the account has orders');
        }
      }
      const saved = await this.profiles.upsert(tx, {
        accountId,
        legalName: dto.legalName,
        email: dto.email,
        address: dto.address ?? '',
        vatNumber: dto.vatNumber ?? null,
        country: dto.country,
        currency: dto.currency,
        timeZone: dto.timeZone,
        issuer: existing?.issuer ?? null,
      });
      // The billing contact is who the account's notices go to until it saves notification settings.
      await this.outbox.add(tx, AccountContactsUpdated, [
        {
          ...eventEnvelope(this.clock.now()),
          accountId,
          source: 'billing_profile',
          ownerEmails: [saved.email.trim().toLowerCase()],
          timeZone: saved.timeZone,
        },
      ]);
      return saved;
    });
    return profile;
  }
}
