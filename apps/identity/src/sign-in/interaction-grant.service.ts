import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import type { InteractionResults } from 'oidc-provider';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity.config';
import { GrantAccountRepository } from '../oidc/grant-account.repository';
import { API_RESOURCE, API_SCOPE, OIDC_SCOPES } from '../oidc/oidc-configuration';
import { OidcProviderHost } from '../oidc/oidc-provider.host';
import type { AccountOption } from './account-choice';

interface Details {
  params: Record<string, unknown>;
}

// Ends the sign-in with a fresh grant for the account the person chose. A new grant each time, so
// choosing again (prompt=consent) switches the account without touching earlier sign-ins.
@Injectable()
export class InteractionGrantService {
  constructor(
    private readonly host: OidcProviderHost,
    private readonly choices: GrantAccountRepository,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async finish(options: {
    req: IncomingMessage;
    res: ServerResponse;
    details: Details;
    userId: string;
    choice: AccountOption;
  }): Promise<void> {
    const provider = this.host.provider;
    const grant = new provider.Grant({
      accountId: options.userId,
      clientId: String(options.details.params.client_id),
    });
    const scope = options.details.params.scope;
    const requested = typeof scope === 'string' ? scope.split(' ') : [];
    grant.addOIDCScope(requested.filter((scope) => OIDC_SCOPES.includes(scope)).join(' '));
    grant.addResourceScope(API_RESOURCE, API_SCOPE);
    const grantId = await grant.save();
    await this.choices.record({
      grantId,
      userId: options.userId,
      accountId: options.choice.accountId,
      operator: options.choice.operator,
      expiresInSeconds: this.config.REFRESH_TOKEN_TTL_SECONDS,
    });
    const result: InteractionResults = { consent: { grantId } };
    await provider.interactionFinished(options.req, options.res, result, { mergeWithLastSubmission: true });
  }
}
