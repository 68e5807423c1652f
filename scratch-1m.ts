import { startE2eServer } from './web/e2e/e2e-server';
import { synthesise } from './bench/web/synthesise-cases';
if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
const n = Number(process.argv[2] ?? 1000000);
const t0 = performance.now();
const server = await startE2eServer({ prepare: (s) => synthesise(s, n) });
console.log('READY', server.url, ((performance.now() - t0) / 1000).toFixed(1), 's');
await new Promise(() => undefined);
