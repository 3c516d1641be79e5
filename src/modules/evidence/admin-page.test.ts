// /admin/evidence and the alarm gauge show what the witness saw: alarms first and marked, each
// look's reason, a log that could not be reached told apart from one that misbehaved.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { signedInStaff } from '../identity/testing.ts';
import { NaiveLog, naiveSigner, sampleFact } from './naive-log.ts';
import { witnessOnce } from './witness.ts';

describeOnDatabases('the evidence admin page and the witness alarm gauge', (ctx) => {
  let t: TestApp;
  const good = new NaiveLog(naiveSigner('good.example/evidence'), 'https://good.example');
  const bad = new NaiveLog(naiveSigner('bad.example/evidence'), 'https://bad.example');
  const down = new NaiveLog(naiveSigner('down.example/evidence'), 'https://down.example');
  const configured = 'https://watched-not-yet.example';
  before(async () => {
    t = await buildTestApp(ctx.db, { EVIDENCE_WITNESS: `${configured}|${good.signer.verifierKey}` });
  });
  after(() => t.close());

  const look = (log: NaiveLog) => witnessOnce(ctx.db, { url: log.base, verifierKey: log.signer.verifierKey, fetch: log.fetch });
  const page = async (lang = 'ja') => {
    const national = await signedInStaff(ctx.db, { roles: ['national_admin'] });
    const res = await t.app.inject({ url: '/admin/evidence', cookies: { ...national.cookies, lang }, headers: { accept: 'text/html' } });
    assert.equal(res.statusCode, 200);
    return res.body;
  };
  const gauge = async () => (await t.app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' })).body.split('\n').filter((l) => l.startsWith('onestop_evidence_witness_alarm{'));

  test('with nothing witnessed yet the page says so and names the configured log', async () => {
    const body = await page();
    assert.match(body, /<h1[^>]*>証跡ログ<\/h1>/);
    assert.match(body, /記録された事実の数/);
    assert.match(body, /watched-not-yet\.example/);
    assert.match(body, /未確認/);
    assert.doesNotMatch(body, /role="alert"/);
    assert.deepEqual(await gauge(), []);
  });

  test('an alarm comes first, marked in red and in words, with its reason; the gauge is 1 for that log only', async () => {
    for (const log of [good, bad]) {
      log.append(sampleFact(1), sampleFact(2), sampleFact(3));
      log.checkpoint();
      assert.equal((await look(log)).status, 'ok');
    }
    bad.serveNote = bad.checkpoint(bad.signer, 3, Buffer.alloc(32, 1));
    assert.equal((await look(bad)).status, 'alarm');
    down.failWith = 502;
    assert.equal((await look(down)).status, 'unreachable');

    const body = await page();
    const alert = /<div class="error-summary" role="alert"[\s\S]*?<\/div>/.exec(body)?.[0] ?? '';
    assert.match(alert, /警報：1件のログで不整合が見つかりました/);
    assert.match(alert, /bad\.example/);
    assert.match(alert, /同じ大きさで根が異なります（分岐）/);
    assert.doesNotMatch(alert, /good\.example|down\.example/);
    // In the status table: the alarmed log first, then the unreachable one, then the verified one.
    const table = body.slice(body.indexOf('id="witness"'));
    const order = ['bad.example', 'down.example', 'good.example'].map((h) => table.indexOf(h));
    assert.ok(order[0]! < order[1]! && order[1]! < order[2]!, `order ${order.join(', ')}`);
    assert.match(table, /<tr class="witness-alarm">\s*<td>\s*<code>https:\/\/bad\.example<\/code>/);
    assert.match(table, /<span class="status status-error">警報<\/span>/);
    assert.match(table, /接続できず/);
    assert.match(table, /fork: a signed checkpoint of size 3 with root /);
    assert.match(table, /unreachable: GET \/checkpoint answered 502/);

    const english = await page('en');
    assert.match(english, /ALARM: 1 log\(s\) failed verification/);
    assert.match(english, /Same size, another root \(a fork\)/);

    const lines = await gauge();
    assert.ok(lines.includes('onestop_evidence_witness_alarm{log="https://bad.example"} 1'), lines.join('\n'));
    assert.ok(lines.includes('onestop_evidence_witness_alarm{log="https://good.example"} 0'), lines.join('\n'));
    // Not reaching a log is not evidence against it.
    assert.ok(lines.includes('onestop_evidence_witness_alarm{log="https://down.example"} 0'), lines.join('\n'));
  });
});
