// Entry of a verification worker thread. Workers do not inherit the parent's module loader hooks, so
// TypeScript loading is registered here before the worker's TypeScript module is imported; this works
// whether the process started with `node --import tsx` or through bin/onestop.js.
import { register } from 'tsx/esm/api';

register();
await import('./verify-worker.ts');
