import { Module } from '@nestjs/common';
import { MemberService } from './member.service';
import { MembersController } from './members.controller';

@Module({
  controllers: [MembersController],
  providers: [MemberService],
  exports: [MemberService],
})
export class MembersModule {}
