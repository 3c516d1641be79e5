#!/usr/bin/env node
// Runs a TypeScript entry point (first argument) with tsx's loader: `node bin/tsx-run.js bench/run.ts startup`.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error('usage: tsx-run.js ENTRY.ts [args…]');
  process.exit(2);
}
process.argv = [process.argv[0], resolve(entry), ...rest];
register();
await import(pathToFileURL(resolve(entry)).href);
