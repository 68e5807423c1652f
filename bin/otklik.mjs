#!/usr/bin/env node
// The single `otklik` binary. It runs the compiled server (bin/compiled-server.mjs: built once per source content,
// at `npm install` or at the first start after a change); OTKLIK_CLI_FROM_SOURCE=1, or a build that fails, runs the
// TypeScript sources through tsx's loader instead.
import { pathToFileURL } from 'node:url';

const fromSource = ['1', 'true', 'yes'].includes(process.env.OTKLIK_CLI_FROM_SOURCE ?? '');
const entry = fromSource ? null : await (await import('./compiled-server.mjs')).ensureCompiledServer();
if (entry) {
  await import(pathToFileURL(entry).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../server/cli/main.ts');
}
