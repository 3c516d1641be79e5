import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { ensureMunicipalityMaster } from '../../municipalities/index.ts';
import { registerProblemHandlers } from '../../../platform/http/problems.ts';
import { describeOnDatabases } from '../../../platform/testing/database.ts';
import { ensureNationalProcedures } from '../ensure-procedures.ts';
import { createService, type Writer } from '../maintenance/save-service.ts';
import { searchRoutes } from './routes.ts';
import { todayInJapan } from './search-services.ts';

const shibuya: Writer = { kind: 'municipality', municipalityCode: '131130', label: 'shibuya.editor' };

// Until the lead wires searchRoutes into buildApp, the routes run on a Fastify with the app's
// validation options and problem handlers.
async function buildSearchApp(db: Parameters<typeof searchRoutes>[1]['db']): Promise<FastifyInstance> {
  const app = Fastify({ ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } } }).withTypeProvider<TypeBoxTypeProvider>();
  registerProblemHandlers(app);
  await app.register(searchRoutes, { db });
  await app.ready();
  return app;
}

describeOnDatabases('service search API', (ctx) => {
  let app: FastifyInstance;
  let publishedId = '';
  let draftId = '';
  before(async () => {
    await ensureMunicipalityMaster(ctx.db.kysely);
    await ensureNationalProcedures(ctx.db.kysely);
    const today = todayInJapan();
    const published = await createService(ctx, shibuya, {
      status: 'published',
      input: {
        title: '児童手当の認定請求',
        summary: '児童手当を受けるための請求です。',
        procedureId: 'child-allowance.certification',
        categories: ['child-allowance'],
        lifeEvents: ['birth'],
        applyMethods: ['signed_online', 'counter'],
        acceptanceStart: today,
        attachments: [{ name: '健康保険の資格確認書', required: true, originalRequired: false }, { name: '戸籍謄本', required: false, originalRequired: true }],
        thingsToBring: ['本人確認書類'],
        legalBasis: '児童手当法第7条',
        department: '子ども家庭支援課',
        contact: '03-3463-0000',
        relatedLinks: [{ title: 'こども家庭庁', url: 'https://www.cfa.go.jp/' }],
        howToApply: 'マイナポータルから申請できます。',
      },
    });
    publishedId = published.id;
    draftId = (await createService(ctx, shibuya, { input: { title: '児童手当 下書き' } })).id;
    app = await buildSearchApp(ctx.db);
  });
  after(() => app.close());

  test('GET /api/v1/services answers the documented shape', async () => {
    const res = await app.inject({ url: `/api/v1/services?q=${encodeURIComponent('じどうてあて')}&municipality=131130&category=child-allowance&open=true&limit=5` });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.total, 1);
    assert.deepEqual(Object.keys(body.items[0]).sort(), ['applyMethods', 'categories', 'id', 'lifeEvents', 'municipality', 'score', 'snippet', 'summary', 'title', 'url'].sort());
    assert.deepEqual(body.items[0].municipality, { code: '131130', name: '渋谷区' });
    assert.equal(body.items[0].url, `/api/v1/services/${publishedId}`);
  });

  test('bad filters are 400 problems naming the field', async () => {
    for (const [query, field] of [
      ['municipality=131131', 'municipality'],
      ['municipality=%E5%AD%98%E5%9C%A8%E3%81%97%E3%81%AA%E3%81%84%E5%B8%82', 'municipality'],
      ['category=nope', 'querystring/category'],
      ['lifeEvent=nope', 'querystring/lifeEvent'],
      ['applyMethod=fax', 'querystring/applyMethod'],
      ['limit=1000', 'querystring/limit'],
      ['open=maybe', 'querystring/open'],
    ] as const) {
      const res = await app.inject({ url: `/api/v1/services?${query}` });
      assert.equal(res.statusCode, 400, query);
      assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.ok(res.json().errors.some((e: { field: string }) => e.field.startsWith(field)), `${query}: ${res.body}`);
    }
  });

  test('GET /api/v1/services/{id} gives what a resident needs; drafts and unknown ids are 404', async () => {
    const res = await app.inject({ url: `/api/v1/services/${publishedId}` });
    assert.equal(res.statusCode, 200);
    const s = res.json();
    assert.deepEqual(s.attachments, [
      { name: '健康保険の資格確認書', required: true, originalRequired: false },
      { name: '戸籍謄本', required: false, originalRequired: true },
    ]);
    assert.deepEqual(s.thingsToBring, ['本人確認書類']);
    assert.equal(s.legalBasis, '児童手当法第7条');
    assert.equal(s.department, '子ども家庭支援課');
    assert.equal(s.acceptance.acceptingNow, true);
    assert.equal(s.procedure.id, 'child-allowance.certification');
    assert.equal(s.procedure.myNumberProcedure, true);
    assert.equal(s.howToApply, 'マイナポータルから申請できます。');
    assert.deepEqual(s.relatedLinks, [{ title: 'こども家庭庁', url: 'https://www.cfa.go.jp/' }]);
    for (const id of [draftId, '00000000-0000-0000-0000-000000000000', 'not-a-uuid']) {
      const missing = await app.inject({ url: `/api/v1/services/${id}` });
      assert.equal(missing.statusCode, 404, id);
      assert.equal(missing.json().code, 'catalogue.service_not_found');
    }
  });

  test('categories, life events and ways to apply are listed in Japanese and English', async () => {
    for (const [path, first] of [
      ['/api/v1/categories', 'child-allowance'],
      ['/api/v1/life-events', 'pregnancy'],
      ['/api/v1/apply-methods', 'signed_online'],
    ] as const) {
      const res = await app.inject({ url: path });
      assert.equal(res.statusCode, 200);
      const items = res.json().items;
      assert.equal(items[0].id, first);
      assert.ok(items[0].label.ja && items[0].label.en);
    }
  });
});
