/**
 * Serves the production build once for all browser tests: dist/, or the folder E2E_DIST names (so
 * two builds can be tested side by side: `vite build --outDir dist-x && E2E_DIST=dist-x npm run test:e2e`).
 */
import { existsSync } from 'node:fs';
import { preview } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const outDir = process.env.E2E_DIST ?? 'dist';
  if (!existsSync(`${outDir}/index.html`)) {
    throw new Error(`${outDir}/ is missing: run \`npm run build\` before the browser tests`);
  }
  // Port 0: any free port, so a running `npm start` does not collide with the tests.
  const server = await preview({
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  project.provide('baseUrl', url);
  return async () => {
    await server.close();
  };
}
