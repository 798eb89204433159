import { Controller, Get, type INestApplication, Logger, Module, Param, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TestIssuer } from '@sms/testing';
import request from 'supertest';

import {
  ACCOUNT_READERS,
  AuthModule,
  type AuthOptions,
  BILLING_MANAGERS,
  CurrentPrincipal,
  HOLD_USERS,
  JwtAuthGuard,
  type Principal,
  Public,
  type Role,
  Roles,
} from './index';

// Refused tokens are logged by design; the test output does not need them.
Logger.overrideLogger(false);

@Controller()
class ProbeController {
  @Public()
  @Get('health')
  health(): { status: string } {
    return { status: 'ok' };
  }

  @Roles(...ACCOUNT_READERS)
  @Get('me')
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Roles(...ACCOUNT_READERS)
  @Get('accounts/:accountId/balance')
  balance(@Param('accountId') accountId: string): { accountId: string } {
    return { accountId };
  }

  @Roles(...HOLD_USERS)
  @Post('accounts/:accountId/holds')
  hold(@Param('accountId') accountId: string): { accountId: string } {
    return { accountId };
  }

  @Roles(...BILLING_MANAGERS)
  @Post('accounts/:accountId/purchases')
  purchase(@Param('accountId') accountId: string): { accountId: string } {
    return { accountId };
  }

  @Get('forgotten')
  forgotten(): string {
    return 'nobody declared who may call this';
  }
}

@Roles('operator')
@Controller('ops')
class OperatorsController {
  @Get('accounts')
  list(): string[] {
    return [];
  }

  @Roles('operator', 'admin')
  @Get('overridden')
  overridden(): string {
    return 'ok';
  }
}

function optionsFor(issuer: TestIssuer): AuthOptions {
  return { issuerUrl: issuer.url, audience: issuer.audience, accountClaim: 'accountId', roleClaim: 'role' };
}

describe(JwtAuthGuard.name, () => {
  let app: INestApplication;
  let issuer: TestIssuer;

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    const moduleRef = await Test.createTestingModule({
      imports: [AuthModule.forRoot(optionsFor(issuer))],
      controllers: [ProbeController, OperatorsController],
    }).compile();
    app = moduleRef.createNestApplication();
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    await issuer.stop();
  });

  const token = (role: Role = 'owner', accountId = 'acc_a', subject = 'alice@example.com'): string =>
    issuer.token({ accountId, role, subject });

  const call = (method: 'get' | 'post', path: string, bearer?: string): request.Test => {
    const req = request(app.getHttpServer())[method](path);
    return bearer === undefined ? req : req.set('Authorization', `Bearer ${bearer}`);
  };
  const get = (path: string, bearer?: string): request.Test => call('get', path, bearer);

  describe('authentication', () => {
    it('rejects a request without a bearer token with 401', async () => {
      const res = await get('/me').expect(401);
      expect(res.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Missing bearer token' });
    });

    it('rejects an Authorization header that is not a bearer scheme with 401', async () => {
      const res = await request(app.getHttpServer())
        .get('/me')
        .set('Authorization', 'Basic YTpi')
        .expect(401);
      expect(res.body.message).toMatch(/Malformed Authorization header/);
    });

    it('rejects a token the issuer did not sign with 401 and a reason that names nothing', async () => {
      const res = await get(
        '/me',
        issuer.token({ accountId: 'acc_a', role: 'owner', unpublishedKey: true }),
      ).expect(401);
      expect(res.body.message).toBe('Invalid or expired token');
    });

    it('lets a @Public() route through without a token', async () => {
      await get('/health').expect(200, { status: 'ok' });
    });

    it('injects the principal from the token claims', async () => {
      const res = await get('/me', token('billing', 'acc_b', 'bob@example.com')).expect(200);
      expect(res.body).toEqual({ subject: 'bob@example.com', accountId: 'acc_b', role: 'billing' });
    });
  });

  describe('roles', () => {
    it('forbids a member from a BILLING_MANAGERS route with 403', async () => {
      const res = await call('post', '/accounts/acc_a/purchases', token('member')).expect(403);
      expect(res.body).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        message: 'Role member may not access this route (requires one of: owner, admin, billing)',
      });
    });

    it.each<Role>(['owner', 'admin', 'billing'])('allows %s on a BILLING_MANAGERS route', async (role) => {
      await call('post', '/accounts/acc_a/purchases', token(role)).expect(201);
    });

    it('lets a gateway place a hold but not buy or read the balance breakdown', async () => {
      await call('post', '/accounts/acc_a/holds', token('gateway')).expect(201);
      await call('post', '/accounts/acc_a/purchases', token('gateway')).expect(403);
      await get('/accounts/acc_a/balance', token('gateway')).expect(403);
    });

    it('forbids a member from placing a hold', async () => {
      await call('post', '/accounts/acc_a/holds', token('member')).expect(403);
    });

    it('refuses a route that declares no roles to every role, even an operator (fail closed)', async () => {
      const res = await get('/forgotten', token('operator')).expect(403);
      expect(res.body.message).toBe('This route declares no roles');
      await get('/forgotten').expect(403);
    });

    it('applies controller-level @Roles to every handler', async () => {
      await get('/ops/accounts', token('admin')).expect(403);
      await get('/ops/accounts', token('operator')).expect(200);
    });

    it('lets handler-level @Roles override the controller-level ones', async () => {
      await get('/ops/overridden', token('admin')).expect(200);
    });
  });

  describe('account scoping', () => {
    it('forbids an owner of acc_a from acting on acc_b with 403', async () => {
      const res = await get('/accounts/acc_b/balance', token('owner', 'acc_a')).expect(403);
      expect(res.body.message).toBe('Token is scoped to account acc_a');
    });

    it('lets a principal act on its own account', async () => {
      await get('/accounts/acc_a/balance', token('member', 'acc_a')).expect(200, { accountId: 'acc_a' });
    });

    it('lets an operator act on any account, within the roles of the route', async () => {
      await get('/accounts/acc_zzz/balance', token('operator', 'acc_ops')).expect(200);
      await call('post', '/accounts/acc_zzz/purchases', token('operator', 'acc_ops')).expect(403);
    });
  });
});

describe(AuthModule.name, () => {
  let issuer: TestIssuer;

  beforeAll(async () => {
    issuer = await TestIssuer.start();
  });

  afterAll(async () => {
    await issuer.stop();
  });

  it('takes its options from an injected config provider with forRootAsync', async () => {
    @Module({ providers: [{ provide: 'APP_CONFIG', useValue: optionsFor(issuer) }], exports: ['APP_CONFIG'] })
    class ConfigModule {}

    const moduleRef = await Test.createTestingModule({
      imports: [
        AuthModule.forRootAsync({
          imports: [ConfigModule],
          inject: ['APP_CONFIG'],
          useFactory: (config: AuthOptions) => config,
        }),
      ],
      controllers: [ProbeController],
    }).compile();
    const app = moduleRef.createNestApplication();
    await app.init();
    try {
      await request(app.getHttpServer())
        .get('/me')
        .set('Authorization', issuer.bearer('acc_a', 'member'))
        .expect(200);
    } finally {
      await app.close();
    }
  });

  it('refuses to start without an issuer, naming the option', () => {
    expect(() => AuthModule.forRoot({ ...optionsFor(issuer), issuerUrl: '' })).toThrow(/issuerUrl/);
  });

  it('refuses an issuer that is not an http(s) URL', () => {
    expect(() => AuthModule.forRoot({ ...optionsFor(issuer), issuerUrl: 'issuer.example' })).toThrow(
      /issuerUrl to be an http\(s\) URL/,
    );
  });
});

describe(Roles.name, () => {
  it('refuses an empty list of roles when the class is declared', () => {
    expect(() => Roles()).toThrow(/at least one role/);
  });
});
