import { Controller, type DynamicModule, Get, INestApplication, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { ACCOUNT_READERS, AuthModule, Public, Roles } from '@sms/auth';
import { TestIssuer } from '@sms/testing';
import { ExpensiveRoute, SignInRoute } from './rate-limit.decorators';
import { ClientRateLimitModule, PrincipalRateLimitModule } from './rate-limit.module';

@Controller('fixture')
class FixtureController {
  @Get('read')
  @Roles(...ACCOUNT_READERS)
  read(): { ok: true } {
    return { ok: true };
  }

  @Get('export')
  @Roles(...ACCOUNT_READERS)
  @ExpensiveRoute()
  export(): { ok: true } {
    return { ok: true };
  }

  @Post('sign-in')
  @Public()
  @SignInRoute()
  signIn(): { ok: true } {
    return { ok: true };
  }
}

@Module({})
class FixtureModule {
  static forIssuer(issuer: TestIssuer): DynamicModule {
    return {
      module: FixtureModule,
      imports: [
        ClientRateLimitModule.forRoot({
          windowMs: 60_000,
          perIp: 8,
          perSubject: 4,
          expensivePerSubject: 2,
          signInPerIp: 3,
        }),
        AuthModule.forRoot({
          issuerUrl: issuer.url,
          audience: issuer.audience,
          accountClaim: 'accountId',
          roleClaim: 'role',
        }),
        PrincipalRateLimitModule,
      ],
      controllers: [FixtureController],
    };
  }
}

describe('rate limits', () => {
  let app: INestApplication;
  let issuer: TestIssuer;
  let ip = 0;
  // Every test comes from its own client address (the fixture trusts one proxy hop).
  const client = () => `203.0.113.${++ip}`;
  const token = (subject: string) => issuer.bearer(`acc_${subject}`, 'owner', subject);
  const get = (path: string, from: string, subject?: string) => {
    const req = request(app.getHttpServer()).get(path).set('X-Forwarded-For', from);
    return subject === undefined ? req : req.set('Authorization', token(subject));
  };

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    app = await NestFactory.create<NestExpressApplication>(FixtureModule.forIssuer(issuer), {
      logger: false,
    });
    (app as NestExpressApplication).set('trust proxy', 1);
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    await issuer.stop();
  });

  it('answers 429 with Retry-After once a token subject floods, while another subject goes on', async () => {
    const from = client();
    for (let i = 0; i < 4; i++) {
      await get('/fixture/read', from, 'flooder').expect(200);
    }
    const limited = await get('/fixture/read', from, 'flooder');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.message).toMatch(/Too many requests/);
    // Changing address does not help a subject: its allowance is its own.
    await get('/fixture/read', client(), 'flooder').expect(429);
    await get('/fixture/read', from, 'neighbour').expect(200);
  });

  it('limits one client address across routes and tokens, and not another address', async () => {
    const from = client();
    for (let i = 0; i < 8; i++) {
      await get('/fixture/read', from, `visitor${i}`).expect(200);
    }
    const limited = await get('/fixture/read', from, 'fresh-subject');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await get('/fixture/read', client(), 'fresh-subject').expect(200);
  });

  it('limits a flood of bad tokens by address before they are verified', async () => {
    const from = client();
    for (let i = 0; i < 8; i++) {
      await request(app.getHttpServer())
        .get('/fixture/read')
        .set('X-Forwarded-For', from)
        .set('Authorization', 'Bearer forged')
        .expect(401);
    }
    await request(app.getHttpServer())
      .get('/fixture/read')
      .set('X-Forwarded-For', from)
      .set('Authorization', 'Bearer forged')
      .expect(429);
  });

  it('gives an expensive route a tighter limit per subject than the rest', async () => {
    const from = client();
    await get('/fixture/export', from, 'exporter').expect(200);
    await get('/fixture/export', from, 'exporter').expect(200);
    const limited = await get('/fixture/export', from, 'exporter');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    await get('/fixture/read', from, 'exporter').expect(200);
  });

  it('limits a sign-in route per address before any token exists', async () => {
    const from = client();
    for (let i = 0; i < 3; i++) {
      await request(app.getHttpServer()).post('/fixture/sign-in').set('X-Forwarded-For', from).expect(201);
    }
    const limited = await request(app.getHttpServer()).post('/fixture/sign-in').set('X-Forwarded-For', from);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await request(app.getHttpServer()).post('/fixture/sign-in').set('X-Forwarded-For', client()).expect(201);
  });
});
