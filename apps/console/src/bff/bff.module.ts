import { Module } from '@nestjs/common';
import { ConsoleAuthModule } from '../auth/auth.module';
import { SessionModule } from '../session/session.module';
import { BffSessionController } from './bff-session.controller';

@Module({ imports: [SessionModule, ConsoleAuthModule], controllers: [BffSessionController] })
export class BffModule {}
