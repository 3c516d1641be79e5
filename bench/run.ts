// `npm run bench -- NAME [args…]` runs bench/NAME.ts. Each benchmark prints its figures and their
// ratio to the baseline it measures in the same run.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const dir = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_') && f !== 'run.ts')
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();
const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- NAME [args…]\nbenchmarks: ${available.join(', ')}`);
  process.exit(name ? 2 : 0);
}
process.argv = [process.argv[0]!, join(dir, `${name}.ts`), ...args];
const mod = (await import(pathToFileURL(join(dir, `${name}.ts`)).href)) as { default?: (args: string[]) => Promise<void> };
if (typeof mod.default === 'function') await mod.default(args);
