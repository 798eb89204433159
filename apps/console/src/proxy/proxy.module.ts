import { Module } from '@nestjs/common';
import { ConsoleAuthModule } from '../auth/auth.module';
import { SessionModule } from '../session/session.module';
import { ServiceProxyController } from './service-proxy.controller';
import { ServiceProxy } from './service-proxy.service';

@Module({
  imports: [SessionModule, ConsoleAuthModule],
  controllers: [ServiceProxyController],
  providers: [ServiceProxy],
})
export class ProxyModule {}
