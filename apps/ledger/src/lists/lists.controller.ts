import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACCOUNT_ADMINS, ACCOUNT_READERS, ApiAuth, BILLING_MANAGERS, Roles } from '@sms/auth';
import { AllocationDto } from './dto/allocation.dto';
import { ListAllocation, ListAllocationRepository } from './list-allocation.repository';

@ApiTags('lists')
@ApiAuth()
@Controller('accounts/:accountId/lists')
export class ListsController {
  constructor(
    private readonly em: EntityManager,
    private readonly lists: ListAllocationRepository,
  ) {}

  @Get()
  @Roles(...ACCOUNT_READERS)
  list(@Param('accountId') accountId: string): Promise<ListAllocation[]> {
    return this.lists.forAccount(this.em.fork(), accountId);
  }

  @Put(':listId/allocation')
  @Roles(...BILLING_MANAGERS, 'operator')
  @ApiOperation({ summary: "Set a list's allocation (used when the account's list mode is allocated)" })
  async set(
    @Param('accountId') accountId: string,
    @Param('listId') listId: string,
    @Body() dto: AllocationDto,
  ): Promise<ListAllocation[]> {
    await this.lists.set(this.em.fork(), { accountId, listId, millicredits: dto.remainingMillicredits });
    return this.lists.forAccount(this.em.fork(), accountId);
  }

  @Delete(':listId/allocation')
  @HttpCode(204)
  @Roles(...ACCOUNT_ADMINS, 'billing', 'operator')
  async remove(@Param('accountId') accountId: string, @Param('listId') listId: string): Promise<void> {
    await this.lists.remove(this.em.fork(), accountId, listId);
  }
}
