import { Module } from '@nestjs/common';
import { ListsController } from './lists.controller';
import { LedgerStoreModule } from '../shared/ledger-store.module';

@Module({ imports: [LedgerStoreModule], controllers: [ListsController], providers: [], exports: [] })
export class ListsModule {}
