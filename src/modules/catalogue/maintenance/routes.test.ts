import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../testing/app.ts';
import { describeOnDatabases } from '../../../platform/testing/database.ts';
import { apiClient, type TestCaller } from '../../identity/testing.ts';

describeOnDatabases('the services API for existing systems', (ctx) => {
  let t: TestApp;
  let shibuya: TestCaller;
  let yokohama: TestCaller;
  before(async () => {
    t = await buildTestApp(ctx.db);
    shibuya = await apiClient(ctx.db, { municipalityCode: '131130', scopes: ['services:write'] });
    yokohama = await apiClient(ctx.db, { municipalityCode: '141003', scopes: ['services:write'] });
  });
  after(() => t.close());

  const call = (caller: TestCaller, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: caller.headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

  test('create, read, replace with the version, publish and list; a stale version is 409', async () => {
    const created = await call(shibuya, 'POST', '/api/v1/system/services', { title: '一時保育', categories: ['childcare'], applyMethods: ['counter'], attachments: [{ name: '就労証明書', required: true, originalRequired: true }] });
    assert.equal(created.statusCode, 201, created.body);
    const service = created.json();
    assert.deepEqual([service.status, service.version, service.municipalityCode], ['draft', 1, '131130']);

    const read = await call(shibuya, 'GET', `/api/v1/system/services/${service.id}`);
    assert.equal(read.json().attachments[0].originalRequired, true);

    const replaced = await call(shibuya, 'PUT', `/api/v1/system/services/${service.id}`, { title: '一時保育（拡充）', version: 1 });
    assert.equal(replaced.statusCode, 200, replaced.body);
    assert.equal(replaced.json().version, 2);

    const stale = await call(shibuya, 'PUT', `/api/v1/system/services/${service.id}`, { title: '古い版から', version: 1 });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(stale.json().code, 'catalogue.version_conflict');
    assert.equal(stale.json().currentVersion, 2);

    const published = await call(shibuya, 'POST', `/api/v1/system/services/${service.id}/publish`, { version: 2 });
    assert.equal(published.json().status, 'published');

    const list = await call(shibuya, 'GET', '/api/v1/system/services?status=published&limit=1');
    assert.equal(list.statusCode, 200);
    assert.ok(list.json().items.some((s: { id: string }) => s.id === service.id));
    assert.equal(list.json().limit, 1);
  });

  test('invalid input is a 400 problem naming the fields', async () => {
    const res = await call(shibuya, 'POST', '/api/v1/system/services', { title: '', detailUrl: 'javascript:alert(1)' });
    assert.equal(res.statusCode, 400);
    const fields = (res.json().errors as Array<{ field: string }>).map((e) => e.field);
    assert.ok(fields.some((f) => f.includes('title')) && fields.some((f) => f.includes('detailUrl')), fields.join(','));
  });

  test('upsert by サービスID creates, then replaces; another municipality creates its own, never touches ours', async () => {
    const first = await call(shibuya, 'PUT', '/api/v1/system/services/by-external-id/sys-001', { title: '産後ケア' });
    assert.equal(first.statusCode, 201, first.body);
    const again = await call(shibuya, 'PUT', '/api/v1/system/services/by-external-id/sys-001', { title: '産後ケア事業' });
    assert.equal(again.statusCode, 200);
    assert.deepEqual([again.json().id, again.json().version, again.json().externalId], [first.json().id, 2, 'sys-001']);
    const updateOnly = await call(yokohama, 'PUT', '/api/v1/system/services/by-external-id/sys-001', { title: '横浜', version: 1 });
    assert.equal(updateOnly.statusCode, 404);
    const theirs = await call(yokohama, 'PUT', '/api/v1/system/services/by-external-id/sys-001', { title: '横浜の産後ケア' });
    assert.equal(theirs.statusCode, 201);
    assert.notEqual(theirs.json().id, first.json().id);
    assert.equal((await call(shibuya, 'GET', `/api/v1/system/services/${first.json().id}`)).json().title, '産後ケア事業');
    assert.equal((await call(yokohama, 'GET', `/api/v1/system/services/${first.json().id}`)).statusCode, 404);
  });

  test('a client without services:write is refused with 403', async () => {
    const reader = await apiClient(ctx.db, { municipalityCode: '131130', scopes: ['applications:read'] });
    for (const [method, url] of [
      ['GET', '/api/v1/system/services'],
      ['POST', '/api/v1/system/services'],
      ['GET', '/api/v1/system/services/export?format=csv'],
    ] as const) {
      const res = await call(reader, method, url, method === 'POST' ? { title: 'x' } : undefined);
      assert.equal(res.statusCode, 403, url);
      assert.equal(res.json().code, 'identity.scope_required');
    }
  });

  test('export in the open 制度 layout, as CSV with a BOM and as JSON', async () => {
    const csv = await call(shibuya, 'GET', '/api/v1/system/services/export?format=csv');
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-type'] as string, /^text\/csv/);
    assert.ok(csv.body.startsWith('\uFEFFサービスID,制度番号,'));
    const json = await call(shibuya, 'GET', '/api/v1/system/services/export?format=json');
    const records = json.json().systemsData as Array<Record<string, string>>;
    assert.ok(records.some((r) => r['サービスID'] === 'sys-001' && r['タイトル（制度名）'] === '産後ケア事業'));
    assert.ok(records.every((r) => !r['タイトル（制度名）']?.startsWith('横浜')));
  });

  test('the OpenAPI document describes the routes', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    for (const path of ['/api/v1/system/services', '/api/v1/system/services/{id}', '/api/v1/system/services/by-external-id/{externalId}', '/api/v1/system/services/export']) {
      assert.ok(doc.paths[path], path);
    }
  });
});
