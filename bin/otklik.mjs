#!/usr/bin/env node
// The single `otklik` binary. It runs the compiled server (bin/compiled-server.mjs: built once per source content,
// at `npm install` or at the first start after a change); OTKLIK_CLI_FROM_SOURCE=1, or a build that fails, runs the
// TypeScript sources through tsx's loader instead.
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';

// Short administrative commands on the embedded database: V8 keeps PGlite's WebAssembly on its baseline compiler
// (Liftoff). Optimising the hot functions of PostgreSQL's start-up in the background costs about half a second of CPU
// that such a command never earns back; the server and long commands (import, train, reports) keep optimising.
const QUICK_COMMANDS = new Set(['users', 'tokens', 'organisations']);
if (QUICK_COMMANDS.has(process.argv[2] ?? '')) {
  v8.setFlagsFromString('--liftoff-only');
  if (!process.env.DATABASE_URL) (await import('./pglite-assets.mjs')).preloadPgliteAssets();
}

const fromSource = ['1', 'true', 'yes'].includes(process.env.OTKLIK_CLI_FROM_SOURCE ?? '');
const entry = fromSource ? null : await (await import('./compiled-server.mjs')).ensureCompiledServer();
if (entry) {
  await import(pathToFileURL(entry).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../server/cli/main.ts');
}
