import { Module } from '@nestjs/common';
import { SessionCookie } from './session-cookie';
import { SessionResolver } from './session-resolver';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';

@Module({
  providers: [SessionRepository, SessionService, SessionCookie, SessionResolver],
  exports: [SessionService, SessionCookie, SessionResolver],
})
export class SessionModule {}
