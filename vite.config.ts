import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // Relative asset paths: the build works from any static folder, not only a server root.
  base: './',
  // Module workers: the trainer worker code-splits (tfjs backends), which 'iife' cannot do.
  worker: { format: 'es' },
  // The manifest lets tests/e2e/bundle.test.ts walk the page's chunks (entry and lazy sections) apart from the
  // workers'.
  build: { target: 'es2022', chunkSizeWarningLimit: 2000, manifest: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  server: { host: '127.0.0.1' },
});
