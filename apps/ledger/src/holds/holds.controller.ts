import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACCOUNT_READERS, ApiAuth, HOLD_USERS, Roles } from '@sms/auth';
import { CreateHoldDto } from './dto/create-hold.dto';
import { HoldResponse, PlacedHoldResponse } from './dto/hold-response.dto';
import { HoldsService } from './holds.service';

@ApiTags('holds')
@ApiAuth()
@Controller('accounts/:accountId/holds')
export class HoldsController {
  constructor(private readonly holds: HoldsService) {}

  @Post()
  @Roles(...HOLD_USERS)
  @ApiOperation({ summary: 'Reserve credits for a chunk of a campaign: grants all, part or none of it' })
  @ApiCreatedResponse({ type: PlacedHoldResponse })
  place(@Param('accountId') accountId: string, @Body() dto: CreateHoldDto): Promise<PlacedHoldResponse> {
    return this.holds.place({
      accountId,
      millicredits: dto.requestedMillicredits,
      listId: dto.listId,
      ttlSeconds: dto.ttlSeconds ?? 900,
    });
  }

  @Get(':holdId')
  @Roles('gateway', ...ACCOUNT_READERS)
  @ApiOkResponse({ type: HoldResponse })
  async get(@Param('accountId') accountId: string, @Param('holdId') holdId: string): Promise<HoldResponse> {
    return HoldResponse.of(await this.holds.get(accountId, holdId));
  }

  @Delete(':holdId')
  @Roles(...HOLD_USERS)
  @ApiOperation({ summary: 'Release what the hold still reserves' })
  @ApiOkResponse({ type: HoldResponse })
  async release(
    @Param('accountId') accountId: string,
    @Param('holdId') holdId: string,
  ): Promise<HoldResponse> {
    return HoldResponse.of(await this.holds.release(accountId, holdId));
  }

  @Post(':holdId/release')
  @Roles(...HOLD_USERS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Release what the hold still reserves (same as DELETE)' })
  @ApiOkResponse({ type: HoldResponse })
  async releaseByPost(
    @Param('accountId') accountId: string,
    @Param('holdId') holdId: string,
  ): Promise<HoldResponse> {
    return HoldResponse.of(await this.holds.release(accountId, holdId));
  }
}
