import { DynamicModule, Global, Module } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { OPS_TOKEN, OpsAccess } from './ops-access';
import { ReadinessRegistry } from './readiness.registry';

@Global()
@Module({})
export class ObservabilityModule {
  // metricsRoute: false when /metrics is served on the internal operations port instead.
  static forRoot(options: { service: string; opsToken?: string; metricsRoute?: boolean }): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers:
        options.metricsRoute === false ? [HealthController] : [HealthController, MetricsController],
      providers: [
        ReadinessRegistry,
        OpsAccess,
        { provide: OPS_TOKEN, useValue: options.opsToken },
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
      exports: [ReadinessRegistry, Registry, OpsAccess],
    };
  }
}
