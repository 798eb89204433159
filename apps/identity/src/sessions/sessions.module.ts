import { Module } from '@nestjs/common';
import { SessionRevocationRepository } from './session-revocation.repository';

@Module({
  providers: [SessionRevocationRepository],
  exports: [SessionRevocationRepository],
})
export class SessionsModule {}
