export { bootstrapService } from './bootstrap';
export type { BootstrapOptions } from './bootstrap';
export type { ServiceConfig } from './service-config';
export { ServiceCoreModule } from './service-core.module';
export type { ServiceCoreOptions } from './service-core.module';
export { createOpenApiDocument } from './openapi-document';
export type { ApiInfo } from './openapi-document';
