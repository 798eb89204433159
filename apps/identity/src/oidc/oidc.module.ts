import { Module } from '@nestjs/common';
import { ClientsCoreModule } from '../clients/clients-core.module';
import { KeysModule } from '../keys/keys.module';
import { UsersModule } from '../users/users.module';
import { GrantAccountRepository } from './grant-account.repository';
import { KeysController } from './keys.controller';
import { PUBLISHED_KEYS } from '../auth/published-keys';
import { OidcProviderHost } from './oidc-provider.host';
import { OidcRecordRepository } from './oidc-record.repository';
import { TokenClaimsService } from './token-claims.service';

// The OpenID Provider itself (its routes are dispatched to it by start-identity.ts) and its key rotation.
@Module({
  imports: [KeysModule, UsersModule, ClientsCoreModule],
  controllers: [KeysController],
  providers: [
    OidcProviderHost,
    { provide: PUBLISHED_KEYS, useExisting: OidcProviderHost },
    OidcRecordRepository,
    GrantAccountRepository,
    TokenClaimsService,
  ],
  exports: [OidcProviderHost, PUBLISHED_KEYS, GrantAccountRepository, KeysModule],
})
export class OidcModule {}
