import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module';
import { MemberService } from './member.service';
import { MembersController } from './members.controller';

@Module({
  imports: [SessionsModule],
  controllers: [MembersController],
  providers: [MemberService],
  exports: [MemberService],
})
export class MembersModule {}
