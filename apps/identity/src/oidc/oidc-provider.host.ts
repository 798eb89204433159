import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { JWK } from 'jose';
import type Provider from 'oidc-provider';
import type { AdapterPayload, FindAccount } from 'oidc-provider';
import { JobScheduler } from '@sms/scheduling';
import { clientSecretMatches } from '../clients/client-secret';
import { MachineClientService } from '../clients/machine-client.service';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity.config';
import { SigningKeyService } from '../keys/signing-key.service';
import { UserService } from '../users/user.service';
import { oidcConfiguration } from './oidc-configuration';
import { OidcRecordRepository } from './oidc-record.repository';
import { TokenClaimsService } from './token-claims.service';

type OidcModule = typeof import('oidc-provider');
type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface Running {
  provider: Provider;
  handler: Handler;
  kids: string;
  publicKeys: JWK[];
}

const CLEANUP_INTERVAL_MS = 10 * 60_000;

// Holds the running oidc-provider. Its key set is fixed when it is built, so a rotation (here or on
// another replica) builds a new one; all its state lives in PostgreSQL, so nothing is lost.
@Injectable()
export class OidcProviderHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(OidcProviderHost.name);
  private oidc?: OidcModule;
  private running?: Running;

  constructor(
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    private readonly keys: SigningKeyService,
    private readonly records: OidcRecordRepository,
    private readonly clients: MachineClientService,
    private readonly users: UserService,
    private readonly claims: TokenClaimsService,
    private readonly scheduler: JobScheduler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // oidc-provider is an ES module; Node 20.19+ loads it through require(), which is what this
    // compiles to. Loading it here, not at the top, keeps the rest of the app importable by tools
    // that cannot load ES modules.
    this.oidc = await import('oidc-provider');
    await this.keys.ensureSigningKey();
    await this.refreshKeys();
    // Every replica refreshes its own provider's key set; one replica at a time purges what expired.
    this.scheduler.register({
      name: 'identity.job.signing-key-refresh',
      intervalMs: this.config.SIGNING_KEY_REFRESH_MS,
      lockedBy: 'replica',
      run: () => this.refreshKeys(),
    });
    this.scheduler.register({
      name: 'identity.job.expired-records',
      intervalMs: CLEANUP_INTERVAL_MS,
      run: () => this.records.deleteExpired(),
    });
  }

  // The express-compatible handler for oidc-provider's routes (see start-identity.ts).
  readonly handle: Handler = (req, res) => {
    if (this.running === undefined) {
      res.statusCode = 503;
      res.end('identity is starting');
      return;
    }
    this.running.handler(req, res);
  };

  get provider(): Provider {
    if (this.running === undefined) {
      throw new Error('the OpenID provider is not running yet');
    }
    return this.running.provider;
  }

  // Public halves of the published keys, for verifying our own tokens without an HTTP round trip.
  publicKeys(): JWK[] {
    return this.running?.publicKeys ?? [];
  }

  get errors(): OidcModule['errors'] {
    if (this.oidc === undefined) {
      throw new Error('the OpenID provider is not loaded yet');
    }
    return this.oidc.errors;
  }

  // Rebuilds the provider when the set of published keys changed.
  async refreshKeys(): Promise<void> {
    const privateKeys = await this.keys.privateKeys();
    const kids = privateKeys.map((key) => key.kid).join(',');
    if (this.running?.kids === kids || this.oidc === undefined) {
      return;
    }
    const provider = this.build(this.oidc, privateKeys);
    const callback = provider.callback();
    this.running = {
      provider,
      // Koa's handler settles its own errors; the promise it returns carries nothing for us.
      handler: (req, res) => void callback(req, res),
      kids,
      publicKeys: privateKeys.map(publicHalf),
    };
    this.logger.log({ message: 'signing keys loaded', kids });
  }

  private build(oidc: OidcModule, keys: JWK[]): Provider {
    const findAccount: FindAccount = async (_ctx, sub) => {
      const user = await this.users.findById(sub);
      return user === null
        ? undefined
        : {
            accountId: user.id,
            claims: () => ({ sub: user.id, email: user.email, email_verified: true, name: user.name }),
          };
    };
    const provider = new oidc.Provider(
      this.config.issuer,
      oidcConfiguration({
        config: this.config,
        keys,
        records: this.records,
        errors: oidc.errors,
        findClient: (clientId): Promise<AdapterPayload | undefined> => this.clients.clientMetadata(clientId),
        findAccount,
        claimsForGrant: async (grantId) => {
          const claims = await this.claims.forGrant(grantId);
          if (claims === undefined) {
            throw new oidc.errors.InvalidGrant('the membership this sign-in was for no longer exists');
          }
          return claims;
        },
        claimsForClient: async (clientId) => {
          const claims = await this.clients.claims(clientId);
          if (claims === undefined) {
            throw new oidc.errors.InvalidClient('client revoked');
          }
          return claims;
        },
      }),
    );
    // Only a hash of each machine client's secret is stored, so the presented secret is checked
    // against the hash. If an upgrade stopped honouring this override, the default comparison of the
    // hash with the presented secret would never match: it fails closed.
    (
      provider.Client.prototype as { compareClientSecret(actual: string): Promise<boolean> }
    ).compareClientSecret = function compareHashed(
      this: { clientSecret?: string },
      actual: string,
    ): Promise<boolean> {
      return Promise.resolve(
        this.clientSecret !== undefined && clientSecretMatches(this.clientSecret, actual),
      );
    };
    provider.on('server_error', (_ctx, error) => this.warn('server_error', error));
    return provider;
  }

  private warn(what: string, error: unknown): void {
    this.logger.warn({
      message: `oidc ${what} failed`,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

function publicHalf(key: JWK): JWK {
  const { kty, crv, x, y, kid, alg, use } = key;
  return { kty, crv, x, y, kid, alg, use };
}
