import { join } from 'node:path';
import type { ConsoleConfig } from '../config/console.config';

export const SPA_DIR = Symbol('SPA_DIR');

// The Vite build writes the app next to the compiled server (dist/apps/console/web); from the
// sources (ts-node) the same folder under dist/ is used.
export function spaDir(config: ConsoleConfig): string {
  return config.CONSOLE_WEB_DIR ?? join(__dirname, '..', '..', '..', '..', 'dist', 'apps', 'console', 'web');
}
