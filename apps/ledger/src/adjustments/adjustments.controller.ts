import { BadRequestException, Body, Controller, Headers, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiAuth, CurrentPrincipal, type Principal, Roles } from '@sms/auth';
import { AdjustmentsService } from './adjustments.service';
import { AdjustmentResponse } from './dto/adjustment-response.dto';
import { CreateAdjustmentDto } from './dto/create-adjustment.dto';

const IDEMPOTENCY_KEY = /^[\w.:@-]{1,128}$/;

@ApiTags('adjustments')
@ApiAuth()
@Controller('accounts/:accountId/adjustments')
export class AdjustmentsController {
  constructor(private readonly adjustments: AdjustmentsService) {}

  @Post()
  @Roles('operator')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description:
      'The same key and request again returns the first adjustment (200); another request with it: 409',
  })
  @ApiOperation({ summary: 'Grant goodwill credits or correct the balance, with a reason (operators)' })
  @ApiCreatedResponse({ type: AdjustmentResponse, description: 'The adjustment was made' })
  @ApiOkResponse({
    type: AdjustmentResponse,
    description: 'The Idempotency-Key was used: the first adjustment',
  })
  async create(
    @Param('accountId') accountId: string,
    @Body() dto: CreateAdjustmentDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AdjustmentResponse> {
    if (idempotencyKey === undefined || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new BadRequestException('Idempotency-Key header is required: 1-128 letters, digits, . _ : @ -');
    }
    const result = await this.adjustments.create({
      accountId,
      actor: principal.subject,
      idempotencyKey,
      dto,
    });
    response.status(result.created ? HttpStatus.CREATED : HttpStatus.OK);
    return result.adjustment;
  }
}
