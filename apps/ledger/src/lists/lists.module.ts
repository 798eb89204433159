import { Module } from '@nestjs/common';
import { ListAllocationRepository } from './list-allocation.repository';
import { ListsController } from './lists.controller';

@Module({
  controllers: [ListsController],
  providers: [ListAllocationRepository],
  exports: [ListAllocationRepository],
})
export class ListsModule {}
