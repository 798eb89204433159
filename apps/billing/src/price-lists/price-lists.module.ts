import { Module } from '@nestjs/common';
import { PriceListRepository } from './price-list.repository';

// The price lists every purchase is priced from; account profiles check their currency has one.
@Module({
  providers: [PriceListRepository],
  exports: [PriceListRepository],
})
export class PriceListsModule {}
