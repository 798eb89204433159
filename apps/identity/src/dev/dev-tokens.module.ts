import { Module } from '@nestjs/common';
import { KeysModule } from '../keys/keys.module';
import { DevTokenController } from './dev-token.controller';

@Module({
  imports: [KeysModule],
  controllers: [DevTokenController],
})
export class DevTokensModule {}
