import { AccountIdPipe } from '../auth/account-id.pipe';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity } from '../auth/current-identity.decorator';
import type { IdentityPrincipal } from '../auth/identity-principal';
import { Roles } from '@sms/auth';
import { AccountOwnerService, type OwnerOutcome } from './account-owner.service';
import { OperatorCreatedResponse, OwnerOutcomeResponse } from './dto/account-responses.dto';
import { CreateOperatorDto, CreateOwnerDto } from './dto/create-owner.dto';

@ApiTags('operators')
@ApiBearerAuth()
@Roles('operator')
@Controller()
export class AccountsController {
  constructor(private readonly owners: AccountOwnerService) {}

  // Creating a credit account's first owner belongs to operators; the owner then invites the team.
  @Post('accounts/:accountId/owner')
  @ApiCreatedResponse({
    type: OwnerOutcomeResponse,
    description: 'The owner exists (with the given password) or was emailed an invitation',
  })
  @ApiConflictResponse({ description: 'The account already has an owner' })
  createOwner(
    @Param('accountId', AccountIdPipe) accountId: string,
    @Body() body: CreateOwnerDto,
    @CurrentIdentity() operator: IdentityPrincipal,
  ): Promise<OwnerOutcome> {
    return this.owners.createFirstOwner({ accountId, ...body, operator });
  }

  @Post('operators')
  @ApiCreatedResponse({ type: OperatorCreatedResponse, description: 'The person is a platform operator' })
  createOperator(@Body() body: CreateOperatorDto): Promise<OperatorCreatedResponse> {
    return this.owners.createOperator(body);
  }
}
