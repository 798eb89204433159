import { Module } from '@nestjs/common';
import { MachineClientService } from './machine-client.service';

@Module({
  providers: [MachineClientService],
  exports: [MachineClientService],
})
export class ClientsCoreModule {}
