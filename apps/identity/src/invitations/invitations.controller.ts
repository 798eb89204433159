import { AccountIdPipe } from '../auth/account-id.pipe';
import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity } from '../auth/current-identity.decorator';
import type { IdentityPrincipal } from '../auth/identity-principal';
import { Roles } from '@sms/auth';
import { MEMBER_MANAGERS } from '../auth/identity-roles';
import { CreateInvitationDto } from './dto/create-invitation.dto';
import { InvitationDto } from './dto/invitation.dto';
import { InvitationService } from './invitation.service';

@ApiTags('invitations')
@ApiBearerAuth()
@Roles(...MEMBER_MANAGERS)
@Controller('accounts/:accountId/invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationService) {}

  @Post()
  @ApiCreatedResponse({
    type: InvitationDto,
    description: 'The invitee gets an email with a single-use link',
  })
  invite(
    @Param('accountId', AccountIdPipe) accountId: string,
    @Body() body: CreateInvitationDto,
    @CurrentIdentity() actor: IdentityPrincipal,
  ): Promise<InvitationDto> {
    return this.invitations.invite({ accountId, email: body.email, role: body.role, actor });
  }

  @Get()
  @ApiOkResponse({ type: [InvitationDto] })
  list(@Param('accountId', AccountIdPipe) accountId: string): Promise<InvitationDto[]> {
    return this.invitations.list(accountId);
  }

  @Delete(':invitationId')
  @ApiOkResponse({ type: InvitationDto, description: 'The link stops working' })
  revoke(
    @Param('accountId', AccountIdPipe) accountId: string,
    @Param('invitationId') invitationId: string,
  ): Promise<InvitationDto> {
    return this.invitations.revoke(accountId, invitationId);
  }
}
