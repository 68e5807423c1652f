// Entry of an analysis worker thread: TypeScript sources load through tsx (as in bin/otklik.mjs), then the worker.
import { register } from 'tsx/esm/api';

register();
await import('./analysis-worker.ts');
