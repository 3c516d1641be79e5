// Regression: a catalogue with no services (a fresh installation) must answer at once. An empty
// document range once made the filter scan wrap to 2^27 words and stall the process.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeOnDatabases } from '../../../platform/testing/database.ts';
import { searchServices } from './search-services.ts';

describeOnDatabases('searching an empty catalogue', (ctx) => {
  test('finds nothing, with or without words, on both engines', async () => {
    for (const engine of ['memory', 'postgres'] as const) {
      for (const q of [undefined, '保育']) {
        const result = await searchServices({ db: ctx.db, engine }, { ...(q ? { q } : {}), limit: 20, offset: 0 });
        assert.equal(result.total, 0, `${engine} ${q ?? '(no words)'}`);
        assert.deepEqual(result.items, []);
      }
    }
  });
});
