// Starts trainer-thread.ts in a Node worker thread when running from TypeScript sources (tsx, vitest):
// worker threads do not inherit the parent's TypeScript loader, so register tsx here first.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
