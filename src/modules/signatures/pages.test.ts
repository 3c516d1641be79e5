import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seedDemo } from '../../demo/seed.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';

describeOnDatabases('the "try a test card" page', (ctx) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(ctx.db);
    await seedDemo(ctx.db);
  });
  after(() => t.close());

  const sign = (form: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/pki/test/cards/try', payload: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

  test('lists the demo residents’ cards with their tries left', async () => {
    const page = await t.app.inject('/pki/test/cards');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /山田 花子（demo-yamada-hanako）/);
    assert.match(page.body, /署名用暗証番号の残り回数: 5/);
  });

  test('signing with the right PIN produces a passing report with the basic four items', async () => {
    const res = await sign({ cardId: 'demo-sato-kenta', text: '試しに署名します', pin: 'KENTA2024' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /TOTAL_PASSED/);
    assert.match(res.body, /佐藤 健太/);
    assert.match(res.body, /東京都世田谷区太子堂四丁目1番1号/);
    assert.match(res.body, /CRL good/);
  });

  test('a wrong PIN re-renders the form with the error and the tries left; five lock the card', async () => {
    for (let left = 4; left >= 1; left--) {
      const res = await sign({ cardId: 'demo-suzuki-misaki', text: 'x', pin: 'WRONG000' });
      assert.equal(res.statusCode, 403);
      assert.match(res.body, new RegExp(`暗証番号が違います（残り${left}回）`));
      assert.match(res.body, /<a href="#pin">/);
    }
    const locked = await sign({ cardId: 'demo-suzuki-misaki', text: 'x', pin: 'WRONG000' });
    assert.match(locked.body, /ロックされています/);
    const stillLocked = await sign({ cardId: 'demo-suzuki-misaki', text: 'x', pin: 'MISAKI2024' });
    assert.equal(stillLocked.statusCode, 403);
    assert.doesNotMatch(stillLocked.body, /TOTAL_PASSED/);
  });

  test('an unknown card is a 404 that points at the card choice', async () => {
    const res = await sign({ cardId: 'nobody', text: 'x', pin: 'ABC123' });
    assert.equal(res.statusCode, 404);
    assert.match(res.body, /<a href="#cards">/);
  });
});

describeOnDatabases('test cards outside the demo', (ctx) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(ctx.db, { DEMO: false });
  });
  after(() => t.close());

  test('are not exposed over HTTP', async () => {
    assert.equal((await t.app.inject('/pki/test/cards')).statusCode, 404);
    assert.equal((await t.app.inject('/pki/test/cards/demo-sato-kenta/signature/certificate')).statusCode, 404);
    assert.equal((await t.app.inject('/pki/test/signature.pem')).statusCode, 200);
  });
});
