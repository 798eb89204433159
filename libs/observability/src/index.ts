export { createLogger } from './create-logger';
export { HealthController } from './health.controller';
export { MetricsController } from './metrics.controller';
export { ObservabilityModule } from './observability.module';
export { ReadinessRegistry } from './readiness.registry';
export type { ReadinessCheck } from './readiness.registry';
export { OPS_TOKEN, OpsAccess, presentsOpsToken } from './ops-access';
