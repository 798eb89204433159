import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Account, AccountSettings } from './account';
import { AccountRepository } from './account.repository';

@Injectable()
export class AccountsService {
  constructor(
    private readonly em: EntityManager,
    private readonly accounts: AccountRepository,
  ) {}

  async create(id: string, settings: AccountSettings): Promise<Account> {
    const created = await this.accounts.ensure(this.em.fork(), id, settings);
    if (!created) {
      throw new ConflictException(`Account ${id} already exists`);
    }
    return this.get(id);
  }

  async get(id: string): Promise<Account> {
    const account = await this.accounts.find(this.em.fork(), id);
    if (account === null) {
      throw new NotFoundException(`Account ${id} not found`);
    }
    return account;
  }

  async update(id: string, settings: AccountSettings): Promise<Account> {
    await this.get(id);
    await this.accounts.updateSettings(this.em.fork(), id, settings);
    return this.get(id);
  }
}
