import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../testing/app.ts';
import { describeOnDatabases } from '../../../platform/testing/database.ts';

const URL = '/api/v1/benefits/estimate';

describeOnDatabases('benefit estimate API', (ctx) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(ctx.db);
  });
  after(() => t.close());

  test('estimates a household without signing in, with reasons in both languages', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: URL,
      payload: {
        date: '2025-04-01',
        municipality: '131130',
        household: {
          members: [
            { relation: 'parent', birthDate: '1980-01-01' },
            { relation: 'child', birthDate: '2022-10-01' },
            { relation: 'child', birthDate: '2014-06-01' },
            { relation: 'child', birthDate: '2004-12-01', supported: true },
          ],
        },
      },
    });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    const allowance = body.benefits.find((b: { id: string }) => b.id === 'child-allowance');
    assert.deepEqual(allowance.monthlyAmount, { min: 40_000, max: 40_000 });
    assert.deepEqual(allowance.name, { ja: '児童手当', en: 'Child allowance (jidō teate)' });
    assert.ok(allowance.reasons.every((r: { ja: string; en: string }) => r.ja && r.en));
  });

  test('a malformed body is a 400 problem naming the field and rule', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: URL,
      payload: { date: '2025-04-01', municipality: '131130', household: { members: [{ relation: 'aunt', birthDate: '1980-01-01' }] } },
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.headers['content-type'] as string, /application\/problem\+json/);
    const problem = res.json();
    assert.equal(problem.code, 'request.invalid');
    assert.ok(problem.errors.some((e: { field: string }) => e.field.startsWith('body/household/members/0/relation')));
  });

  test('a birth date after the date of the estimate is a 400 catalogue.invalid_household naming the member', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: URL,
      payload: { date: '2025-04-01', municipality: '131130', household: { members: [{ relation: 'child', birthDate: '2025-05-01' }] } },
    });
    assert.equal(res.statusCode, 400);
    const problem = res.json();
    assert.equal(problem.code, 'catalogue.invalid_household');
    assert.deepEqual(problem.errors.map((e: { field: string }) => e.field), ['/household/members/0/birthDate']);
    assert.ok(problem.detailJa);
  });

  test('the route and its schemas are in the OpenAPI document', async () => {
    const doc = (await t.app.inject('/api/docs/json')).json();
    const op = doc.paths['/api/v1/benefits/estimate'].post;
    assert.ok(op.requestBody.content['application/json'].schema.properties.household);
    assert.ok(op.responses['200'].content['application/json'].schema.properties.benefits);
    assert.ok(op.responses['400']);
  });
});
