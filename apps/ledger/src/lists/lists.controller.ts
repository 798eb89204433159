import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACCOUNT_ADMINS, ACCOUNT_READERS, ApiAuth, BILLING_MANAGERS, Roles } from '@sms/auth';
import { ListAllocationResponse } from './dto/list-allocation-response.dto';
import { AllocationDto } from './dto/allocation.dto';
import { ListAllocationRepository } from './list-allocation.repository';

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
  @ApiOkResponse({ type: [ListAllocationResponse] })
  list(@Param('accountId') accountId: string): Promise<ListAllocationResponse[]> {
    return this.lists.forAccount(this.em.fork(), accountId);
  }

  @Put(':listId/allocation')
  @Roles(...BILLING_MANAGERS, 'operator')
  @ApiOperation({ summary: "Set a list's allocation (used when the account's list mode is allocated)" })
  @ApiOkResponse({
    type: [ListAllocationResponse],
    description: "The account's allocations after the change",
  })
  async set(
    @Param('accountId') accountId: string,
    @Param('listId') listId: string,
    @Body() dto: AllocationDto,
  ): Promise<ListAllocationResponse[]> {
    await this.lists.set(this.em.fork(), { accountId, listId, millicredits: dto.remainingMillicredits });
    return this.lists.forAccount(this.em.fork(), accountId);
  }

  @Delete(':listId/allocation')
  @HttpCode(204)
  @Roles(...ACCOUNT_ADMINS, 'billing', 'operator')
  @ApiNoContentResponse({ description: 'The list has no allocation any more' })
  async remove(@Param('accountId') accountId: string, @Param('listId') listId: string): Promise<void> {
    await this.lists.remove(this.em.fork(), accountId, listId);
  }
}
