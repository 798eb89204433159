import { AccountIdPipe } from '../auth/account-id.pipe';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentIdentity } from '../auth/current-identity.decorator';
import type { IdentityPrincipal } from '../auth/identity-principal';
import { Roles } from '@sms/auth';
import { MEMBER_MANAGERS } from '../auth/identity-roles';
import { ChangeRoleDto } from './dto/change-role.dto';
import { MemberDto } from './dto/member.dto';
import { MemberService } from './member.service';

@ApiTags('members')
@ApiBearerAuth()
@Roles(...MEMBER_MANAGERS)
@Controller('accounts/:accountId/members')
export class MembersController {
  constructor(private readonly members: MemberService) {}

  @Get()
  @ApiOkResponse({ type: [MemberDto] })
  list(@Param('accountId', AccountIdPipe) accountId: string): Promise<MemberDto[]> {
    return this.members.list(accountId);
  }

  @Patch(':userId')
  @ApiOkResponse({ type: MemberDto })
  @ApiConflictResponse({ description: 'The last owner cannot be demoted' })
  changeRole(
    @Param('accountId', AccountIdPipe) accountId: string,
    @Param('userId') userId: string,
    @Body() body: ChangeRoleDto,
    @CurrentIdentity() actor: IdentityPrincipal,
  ): Promise<MemberDto> {
    return this.members.changeRole({ accountId, userId, role: body.role, actor: actor.role });
  }

  @Delete(':userId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The person is no longer a member; their next token refresh fails' })
  @ApiConflictResponse({ description: 'The last owner cannot be removed' })
  async remove(
    @Param('accountId', AccountIdPipe) accountId: string,
    @Param('userId') userId: string,
    @CurrentIdentity() actor: IdentityPrincipal,
  ): Promise<void> {
    await this.members.remove({ accountId, userId, actor: actor.role });
  }
}
