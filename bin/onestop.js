#!/usr/bin/env node
// The `onestop` command. TypeScript sources run through tsx's loader (docs/adr/0002).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
