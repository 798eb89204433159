import { AccountIdPipe } from '../auth/account-id.pipe';
import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity } from '../auth/current-identity.decorator';
import type { IdentityPrincipal } from '../auth/identity-principal';
import { Roles } from '@sms/auth';
import { MEMBER_MANAGERS } from '../auth/identity-roles';
import { ClientDto, CreatedClientDto } from './dto/client.dto';
import { CreateClientDto } from './dto/create-client.dto';
import type { MachineClient } from './machine-client.entity';
import { MachineClientService } from './machine-client.service';

// Machine clients (client credentials, role gateway) of an account.
@ApiTags('machine clients')
@ApiBearerAuth()
@Roles(...MEMBER_MANAGERS)
@Controller('accounts/:accountId/clients')
export class ClientsController {
  constructor(private readonly clients: MachineClientService) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedClientDto, description: 'The secret is in this response only' })
  create(
    @Param('accountId', AccountIdPipe) accountId: string,
    @Body() body: CreateClientDto,
    @CurrentIdentity() actor: IdentityPrincipal,
  ): Promise<CreatedClientDto> {
    return this.clients.create({ accountId, name: body.name, createdBy: actor.subject });
  }

  @Get()
  @ApiOkResponse({ type: [ClientDto] })
  async list(@Param('accountId', AccountIdPipe) accountId: string): Promise<ClientDto[]> {
    return (await this.clients.list(accountId)).map(toDto);
  }

  @Delete(':clientId')
  @ApiOkResponse({
    type: ClientDto,
    description: 'The client gets no more tokens; tokens already issued expire within minutes',
  })
  async revoke(
    @Param('accountId', AccountIdPipe) accountId: string,
    @Param('clientId') clientId: string,
  ): Promise<ClientDto> {
    return toDto(await this.clients.revoke(accountId, clientId));
  }
}

function toDto(client: MachineClient): ClientDto {
  return {
    clientId: client.clientId,
    accountId: client.accountId,
    name: client.name,
    role: client.role,
    createdAt: client.createdAt.toISOString(),
    revokedAt: client.revokedAt?.toISOString() ?? null,
  };
}
