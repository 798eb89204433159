import { Module } from '@nestjs/common';
import { ClientsCoreModule } from './clients-core.module';
import { ClientsController } from './clients.controller';

@Module({
  imports: [ClientsCoreModule],
  controllers: [ClientsController],
})
export class ClientsModule {}
