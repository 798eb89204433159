import { Module } from '@nestjs/common';
import { LotRepository } from './lot.repository';

// Credit lots are spent, expired, granted and reversed by several features; none of them owns the
// lots, so their repository is a module of its own that those features import.
@Module({ providers: [LotRepository], exports: [LotRepository] })
export class LotsModule {}
