import type { INestApplication } from '@nestjs/common';
import request, { type Response } from 'supertest';
import { createTestTopicPrefix } from './kafka-access';
import { createTestDatabase } from './isolation';
import { serviceTestEnv } from './service-env';
import { TestIssuer } from './test-issuer';

export interface ProductionModeService {
  // Posts to an operator route with an operator's token.
  postAsOperator(path: string, body: object): Promise<Response>;
  close(): Promise<void>;
}

// A service booted with the settings production runs with (NODE_ENV=production, no
// TIME_TRAVEL_ENABLED) against the test servers, so a test can check what production refuses.
export async function startInProductionMode(options: {
  service: string;
  label: string;
  extra?: Record<string, string>;
  start: (env: Record<string, string>) => Promise<INestApplication>;
}): Promise<ProductionModeService> {
  const issuer = await TestIssuer.start();
  const env = serviceTestEnv({
    issuer,
    databaseUrl: await createTestDatabase(options.label),
    topicPrefix: await createTestTopicPrefix(options.label),
    service: options.service,
    // Production refuses to start with /metrics and /docs open to all: an operations token closes them.
    extra: { OPS_TOKEN: 'ops-token-for-the-test-0123456789', ...options.extra, NODE_ENV: 'production' },
  });
  delete env.TIME_TRAVEL_ENABLED;
  const app = await options.start(env);
  return {
    postAsOperator: (path, body) =>
      request(app.getHttpServer())
        .post(path)
        .set('Authorization', issuer.bearer('ops', 'operator', 'ops'))
        .send(body),
    close: async () => {
      await app.close();
      await issuer.stop();
    },
  };
}
