#!/usr/bin/env node
// The single `otklik` binary: TypeScript sources run through tsx's loader (no build step for the server).
import { register } from 'tsx/esm/api';

register();
await import('../server/cli/main.ts');
