import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { ProfilesModule } from '../profiles/profiles.module';
import { InvoiceRepository } from './invoice.repository';
import { InvoicesController } from './invoices.controller';
import { InvoicesService } from './invoices.service';

@Module({
  imports: [OrdersModule, ProfilesModule],
  controllers: [InvoicesController],
  providers: [InvoiceRepository, InvoicesService],
  exports: [InvoicesService],
})
export class InvoicesModule {}
