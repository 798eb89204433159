import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { ProfilesModule } from '../profiles/profiles.module';
import { CreditNoteRepository } from './credit-note.repository';
import { CreditNotesController } from './credit-notes.controller';
import { CreditNotesService } from './credit-notes.service';
import { InvoiceRepository } from './invoice.repository';
import { InvoicesController } from './invoices.controller';
import { InvoicesService } from './invoices.service';

@Module({
  imports: [OrdersModule, ProfilesModule],
  controllers: [InvoicesController, CreditNotesController],
  providers: [InvoiceRepository, InvoicesService, CreditNoteRepository, CreditNotesService],
  exports: [InvoicesService, CreditNotesService],
})
export class InvoicesModule {}
