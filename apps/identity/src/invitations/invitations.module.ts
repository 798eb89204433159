import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { UsersModule } from '../users/users.module';
import { InvitationPagesController } from './invitation-pages.controller';
import { InvitationService } from './invitation.service';
import { InvitationsController } from './invitations.controller';

@Module({
  imports: [MembersModule, UsersModule],
  controllers: [InvitationsController, InvitationPagesController],
  providers: [InvitationService],
  exports: [InvitationService],
})
export class InvitationsModule {}
