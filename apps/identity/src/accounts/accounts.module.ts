import { Module } from '@nestjs/common';
import { InvitationsModule } from '../invitations/invitations.module';
import { MembersModule } from '../members/members.module';
import { UsersModule } from '../users/users.module';
import { AccountOwnerService } from './account-owner.service';
import { AccountsController } from './accounts.controller';

@Module({
  imports: [UsersModule, MembersModule, InvitationsModule],
  controllers: [AccountsController],
  providers: [AccountOwnerService],
  exports: [AccountOwnerService],
})
export class AccountsModule {}
