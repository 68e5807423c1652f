// Entry of an analysis worker thread (import's pool and intake's analysis threads): TypeScript sources load through
// tsx (as in bin/otklik.mjs), then the module the parent names in `workerData.entry`.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
