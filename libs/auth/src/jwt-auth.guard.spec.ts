import { Controller, Get, type INestApplication, Module, Param, Post } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Test } from '@nestjs/testing';
import request from 'supertest';

import {
  AuthModule,
  BILLING_MANAGERS,
  CurrentPrincipal,
  JwtAuthGuard,
  type Principal,
  Public,
  type Role,
  Roles,
  signToken,
  TokenSigner,
} from './index';

const SECRET = 'test-secret';
const ISSUER = 'sms-credits-test';

@Controller()
class ProbeController {
  @Public()
  @Get('health')
  health(): { status: string } {
    return { status: 'ok' };
  }

  @Get('me')
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Get('accounts/:accountId/balance')
  balance(@Param('accountId') accountId: string): { accountId: string } {
    return { accountId };
  }

  @Roles(...BILLING_MANAGERS)
  @Post('accounts/:accountId/purchases')
  purchase(@Param('accountId') accountId: string): { accountId: string } {
    return { accountId };
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

interface TokenOverrides {
  subject?: string;
  accountId?: string;
  role?: Role;
  secret?: string;
  issuer?: string;
  expiresIn?: number;
}

function token(overrides: TokenOverrides = {}): string {
  return signToken({
    secret: SECRET,
    issuer: ISSUER,
    subject: 'alice@example.com',
    accountId: 'acc_a',
    role: 'owner',
    ...overrides,
  });
}

// Signs arbitrary claims, bypassing signToken's typing, to simulate tokens minted by a buggy issuer.
function rawToken(claims: Record<string, unknown>): string {
  return new JwtService().sign(claims, {
    secret: SECRET,
    issuer: ISSUER,
    expiresIn: 60,
  });
}

describe(JwtAuthGuard.name, () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [AuthModule.forRoot({ secret: SECRET, issuer: ISSUER })],
      controllers: [ProbeController, OperatorsController],
    }).compile();
    app = moduleRef.createNestApplication();
    await app.init();
  });

  afterAll(async () => {
    await app.close();
  });

  const get = (path: string, bearer?: string): request.Test => {
    const req = request(app.getHttpServer()).get(path);
    return bearer === undefined ? req : req.set('Authorization', `Bearer ${bearer}`);
  };

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

    it('rejects a garbage token with 401', async () => {
      const res = await get('/me', 'not.a.jwt').expect(401);
      expect(res.body.message).toBe('Invalid or expired token');
    });

    it('rejects a token signed with another secret with 401', async () => {
      await get('/me', token({ secret: 'someone-elses-secret' })).expect(401);
    });

    it('rejects an expired token with 401', async () => {
      const expired = token({ expiresIn: -10 });
      const res = await get('/me', expired).expect(401);
      expect(res.body.message).toBe('Invalid or expired token');
    });

    it('rejects a token from another issuer with 401', async () => {
      await get('/me', token({ issuer: 'somebody-else' })).expect(401);
    });

    it('rejects an unsigned ("alg: none") token with 401', async () => {
      const encode = (part: object): string => Buffer.from(JSON.stringify(part)).toString('base64url');
      const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: 'x', accountId: 'acc_a', role: 'operator', iss: ISSUER })}.`;
      await get('/me', unsigned).expect(401);
    });

    it('rejects a token with an unknown role claim with 401', async () => {
      const res = await get('/me', rawToken({ sub: 'alice', accountId: 'acc_a', role: 'superuser' })).expect(
        401,
      );
      expect(res.body.message).toMatch(/unknown role/);
    });

    it('rejects a token without an accountId claim with 401', async () => {
      const res = await get('/me', rawToken({ sub: 'alice', role: 'owner' })).expect(401);
      expect(res.body.message).toMatch(/accountId/);
    });

    it('rejects a token without a subject with 401', async () => {
      await get('/me', rawToken({ accountId: 'acc_a', role: 'owner' })).expect(401);
    });

    it('lets a @Public() route through without a token', async () => {
      await get('/health').expect(200, { status: 'ok' });
    });

    it('injects the principal from the token claims', async () => {
      const res = await get(
        '/me',
        token({ subject: 'bob@example.com', accountId: 'acc_b', role: 'billing' }),
      ).expect(200);
      expect(res.body).toEqual({ subject: 'bob@example.com', accountId: 'acc_b', role: 'billing' });
    });
  });

  describe('roles', () => {
    it('forbids a member from a BILLING_MANAGERS route with 403', async () => {
      const res = await request(app.getHttpServer())
        .post('/accounts/acc_a/purchases')
        .set('Authorization', `Bearer ${token({ role: 'member' })}`)
        .expect(403);
      expect(res.body).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        message: 'Role member may not access this route (requires one of: owner, admin, billing)',
      });
    });

    it.each<Role>(['owner', 'admin', 'billing'])('allows %s on a BILLING_MANAGERS route', async (role) => {
      await request(app.getHttpServer())
        .post('/accounts/acc_a/purchases')
        .set('Authorization', `Bearer ${token({ role })}`)
        .expect(201);
    });

    it('allows any authenticated role on a route without @Roles', async () => {
      await get('/accounts/acc_a/balance', token({ role: 'member' })).expect(200);
    });

    it('applies controller-level @Roles to every handler', async () => {
      await get('/ops/accounts', token({ role: 'admin' })).expect(403);
      await get('/ops/accounts', token({ role: 'operator' })).expect(200);
    });

    it('lets handler-level @Roles override the controller-level ones', async () => {
      await get('/ops/overridden', token({ role: 'admin' })).expect(200);
    });
  });

  describe('account scoping', () => {
    it('forbids an owner of acc_a from acting on acc_b with 403', async () => {
      const res = await get('/accounts/acc_b/balance', token({ accountId: 'acc_a', role: 'owner' })).expect(
        403,
      );
      expect(res.body.message).toBe('Token is scoped to account acc_a');
    });

    it('lets a principal act on its own account', async () => {
      await get('/accounts/acc_a/balance', token({ accountId: 'acc_a', role: 'member' })).expect(200, {
        accountId: 'acc_a',
      });
    });

    it('lets an operator act on any account', async () => {
      await get('/accounts/acc_zzz/balance', token({ accountId: 'acc_ops', role: 'operator' })).expect(200);
      await request(app.getHttpServer())
        .post('/accounts/acc_zzz/purchases')
        .set('Authorization', `Bearer ${token({ accountId: 'acc_ops', role: 'operator' })}`)
        .expect(403);
    });
  });
});

describe(AuthModule.name, () => {
  @Module({
    providers: [{ provide: 'APP_CONFIG', useValue: { jwtSecret: 'from-config' } }],
    exports: ['APP_CONFIG'],
  })
  class ConfigModule {}

  it('takes its options from an injected config provider with forRootAsync', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        AuthModule.forRootAsync({
          imports: [ConfigModule],
          inject: ['APP_CONFIG'],
          useFactory: (config: { jwtSecret: string }) => ({ secret: config.jwtSecret }),
        }),
      ],
      controllers: [ProbeController],
    }).compile();
    const app = moduleRef.createNestApplication();
    await app.init();
    try {
      const signed = moduleRef.get(TokenSigner).sign({ subject: 's', accountId: 'acc_a', role: 'member' });
      await request(app.getHttpServer()).get('/me').set('Authorization', `Bearer ${signed}`).expect(200);
      await request(app.getHttpServer())
        .get('/me')
        .set('Authorization', `Bearer ${token({ secret: SECRET, issuer: undefined })}`)
        .expect(401);
    } finally {
      await app.close();
    }
  });

  it('refuses to start without a secret', () => {
    expect(() => AuthModule.forRoot({ secret: '' })).toThrow(/non-empty JWT secret/);
  });
});
