import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module';
import { MachineClientService } from './machine-client.service';

@Module({
  imports: [SessionsModule],
  providers: [MachineClientService],
  exports: [MachineClientService],
})
export class ClientsCoreModule {}
