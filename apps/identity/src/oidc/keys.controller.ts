import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@sms/auth';
import { SigningKeyService } from '../keys/signing-key.service';
import { KeyRotationResponse } from './dto/key-rotation-response.dto';
import { OidcProviderHost } from './oidc-provider.host';

@ApiTags('signing keys')
@ApiBearerAuth()
@Controller('keys')
export class KeysController {
  constructor(
    private readonly keys: SigningKeyService,
    private readonly host: OidcProviderHost,
  ) {}

  // New tokens are signed with a new key at once; the old key stays in the JWKS until its tokens
  // have expired, so nobody's token stops working. Other replicas pick the new key up within
  // SIGNING_KEY_REFRESH_MS.
  @Post('rotate')
  @HttpCode(200)
  @Roles('operator')
  @ApiOkResponse({ type: KeyRotationResponse, description: 'The new signing key and the keys it replaced' })
  async rotate(): Promise<KeyRotationResponse> {
    const result = await this.keys.rotate();
    await this.host.refreshKeys();
    return result;
  }
}
