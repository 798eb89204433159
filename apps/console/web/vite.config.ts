import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The console's single-page app. Built into dist/apps/console/web, next to the compiled
// backend-for-frontend that serves it; the manifest lets the bundle-size check find what the first
// page loads.
export default defineConfig({
  root: __dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: resolve(__dirname, '..', '..', '..', 'dist', 'apps', 'console', 'web'),
    emptyOutDir: true,
    manifest: true,
    sourcemap: true,
    target: 'es2022',
    rollupOptions: {
      // React Server Components markers ("use client") mean nothing in a client-only bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') {
          warn(warning);
        }
      },
    },
  },
  server: {
    // `vite` during development: API and sign-in calls go to a running console backend.
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/auth': 'http://127.0.0.1:3000',
      '/bff': 'http://127.0.0.1:3000',
    },
  },
});
