export { bootstrapService } from './bootstrap';
export type { BootstrapOptions } from './bootstrap';
export type { ServiceConfig } from './service-config';
export { ServiceCoreModule } from './service-core.module';
export type { ServiceCoreOptions } from './service-core.module';
export { resolveAsOf, TIME_TRAVEL_ENABLED, TimeTravel } from './time-travel';
export { type CursorKey, decodeCursor, encodeCursor } from './paging/cursor';
export { type Page, toPage } from './paging/page';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PageQueryDto } from './paging/page-query.dto';
