import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { importJWK, SignJWT } from 'jose';
import { Public } from '@sms/auth';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity.config';
import { SigningKeyService, SIGNING_ALG } from '../keys/signing-key.service';
import { DevTokenResponse } from './dev-token-response.dto';
import { DevTokenDto } from './dev-token.dto';

// Local debugging only: any token, for any account and role, signed with the real key. The module
// holding this route is not part of the app when NODE_ENV=production (see IdentityModule).
@ApiTags('development only')
@Public()
@Controller('dev/token')
export class DevTokenController {
  constructor(
    private readonly keys: SigningKeyService,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  @Post()
  @ApiCreatedResponse({
    type: DevTokenResponse,
    description: 'An access token like the ones the token endpoint issues',
  })
  async issue(@Body() body: DevTokenDto): Promise<DevTokenResponse> {
    const [signing] = await this.keys.privateKeys();
    const expiresIn = body.expiresInSeconds ?? 3600;
    const token = await new SignJWT({ accountId: body.accountId, role: body.role, client_id: 'dev-tokens' })
      .setProtectedHeader({ alg: SIGNING_ALG, kid: signing.kid, typ: 'at+jwt' })
      .setSubject(body.subject ?? 'dev@example.com')
      .setIssuer(this.config.issuer)
      .setAudience(this.config.AUTH_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${expiresIn}s`)
      .sign(await importJWK(signing, SIGNING_ALG));
    return { access_token: token, token_type: 'Bearer', expires_in: expiresIn };
  }
}
