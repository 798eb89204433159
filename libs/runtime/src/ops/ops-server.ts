import {
  type DynamicModule,
  type INestApplication,
  Injectable,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { MetricsController, OpsAccess } from '@sms/observability';
import { Registry } from 'prom-client';

// The internal operations listener (OPS_PORT): /metrics and /docs of the service, on a port that is
// not published to customers. It shares the service's metrics registry and token.
@Module({})
export class OpsModule {
  static forRoot(shared: { registry: Registry; access: OpsAccess }): DynamicModule {
    return {
      module: OpsModule,
      controllers: [MetricsController],
      providers: [
        { provide: Registry, useValue: shared.registry },
        { provide: OpsAccess, useValue: shared.access },
      ],
    };
  }
}

// Holds the operations listener so it closes with the service.
@Injectable()
export class OpsServer implements OnApplicationShutdown {
  app: INestApplication | undefined;

  async onApplicationShutdown(): Promise<void> {
    await this.app?.close();
    this.app = undefined;
  }
}
