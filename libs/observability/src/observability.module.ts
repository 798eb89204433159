import { DynamicModule, Global, Module } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { ReadinessRegistry } from './readiness.registry';

@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(options: { service: string }): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [HealthController, MetricsController],
      providers: [
        ReadinessRegistry,
        {
          provide: Registry,
          useFactory: () => {
            // One registry per app instance, so tests can run several apps in one process.
            const registry = new Registry();
            registry.setDefaultLabels({ service: options.service });
            collectDefaultMetrics({ register: registry });
            return registry;
          },
        },
      ],
      exports: [ReadinessRegistry, Registry],
    };
  }
}
