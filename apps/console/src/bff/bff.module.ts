import { Module } from '@nestjs/common';
import { SessionModule } from '../session/session.module';
import { BffSessionController } from './bff-session.controller';

@Module({ imports: [SessionModule], controllers: [BffSessionController] })
export class BffModule {}
