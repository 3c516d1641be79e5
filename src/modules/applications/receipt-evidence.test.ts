// The receipt proves itself (issue #12, points 4 and 6): the receipt JSON carries the arrival fact
// exactly as the evidence log holds it, then its leaf once integrated, then the bundle's address once
// a checkpoint covers it; the bundle route answers 409 until then and a bundle that verifies after;
// the receipt page explains the proof in Japanese in both states; the PDF receipt embeds its
// Japanese font and shows the reference, the arrival time and the fact. Another resident gets 404
// everywhere.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { signedInResident, type TestCaller } from '../identity/testing.ts';
import { findFact, verifyBundle, type EvidenceBundle } from '../evidence/index.ts';
import { checkpointEverything, integrateAll, TEST_VERIFIER_KEY } from '../evidence/testing.ts';
import { arrivedApplication, pdfEmbeddedFiles, pdfText } from './testing.ts';
import { japanTimeWithZone } from './receipt-pdf.ts';

interface ReceiptJson {
  reference: string;
  contentSha256: string;
  arrivedAt: string;
  evidence: { fact: string; leafIndex: number | null; bundleUrl: string | null } | null;
}

describeOnDatabases('the receipt’s proof of arrival', (ctx) => {
  let t: TestApp;
  let resident: TestCaller;
  let other: TestCaller;
  before(async () => {
    t = await buildTestApp(ctx.db);
    resident = await signedInResident(ctx.db, { homeMunicipalityCode: '131130' });
    other = await signedInResident(ctx.db, { homeMunicipalityCode: '131130' });
  });
  after(() => t.close());

  const get = (caller: TestCaller, url: string, accept = 'application/json') => t.app.inject({ method: 'GET', url, cookies: caller.cookies, headers: { ...caller.headers, accept } });
  const receiptOf = async (id: string) => {
    const res = await get(resident, `/api/v1/applications/${id}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<ReceiptJson>();
  };
  /** Every fact so far in the tree and a checkpoint over it, signed with the test key the app publishes: what the checkpointer does each second. */
  const checkpoint = () => checkpointEverything(ctx.db);

  test('given an application that has just arrived, then its receipt carries the fact as the log holds it, and the bundle is pending (409, Retry-After) until a checkpoint covers it', async () => {
    const { applicationId, reference } = await arrivedApplication({ db: ctx.db }, { residentId: resident.id });
    const logged = await findFact(ctx.db.kysely, 'application.arrived', applicationId);
    assert.ok(logged, 'the arrival appended its fact');

    const fresh = await receiptOf(applicationId);
    assert.equal(fresh.evidence?.fact, logged.fact, 'the receipt carries the very text of the log');
    assert.equal(fresh.evidence.leafIndex, logged.leafIndex);
    assert.equal(fresh.evidence.bundleUrl, null);
    const fact = JSON.parse(fresh.evidence.fact) as { kind: string; ids: Record<string, string>; digests: Record<string, string>; time: string };
    assert.equal(fact.kind, 'application.arrived');
    assert.equal(fact.ids.application, applicationId);
    assert.equal(fact.ids.reference, reference);
    assert.equal(fact.digests.content, fresh.contentSha256, 'the digest of the exact bytes of the application');
    assert.equal(new Date(fact.time).getTime(), new Date(fresh.arrivedAt).getTime(), 'the fact records the arrival time (R1)');

    const pending = await get(resident, `/api/v1/applications/${applicationId}/evidence`);
    assert.equal(pending.statusCode, 409, pending.body);
    assert.equal(pending.json<{ code: string }>().code, 'evidence.pending');
    assert.equal(pending.headers['retry-after'], '2');

    // Integrated but not yet signed: the leaf is known, the bundle still pending.
    await integrateAll(ctx.db.kysely);
    const integrated = await receiptOf(applicationId);
    assert.equal(typeof integrated.evidence?.leafIndex, 'number');
    assert.equal(integrated.evidence?.bundleUrl, null);
    assert.equal((await get(resident, `/api/v1/applications/${applicationId}/evidence`)).statusCode, 409);

    await checkpoint();
    const covered = await receiptOf(applicationId);
    assert.equal(covered.evidence?.fact, logged.fact);
    assert.equal(covered.evidence?.leafIndex, integrated.evidence?.leafIndex);
    assert.equal(covered.evidence?.bundleUrl, `/api/v1/applications/${applicationId}/evidence`);
    // The list of my applications carries the same.
    const list = (await get(resident, '/api/v1/applications')).json<{ items: Array<ReceiptJson & { id: string }> }>();
    assert.deepEqual(list.items.find((a) => a.id === applicationId)?.evidence, covered.evidence);
  });

  test('given a checkpoint covering the arrival, then the bundle downloads and verifies offline; another resident gets 404', async () => {
    const { applicationId, reference } = await arrivedApplication({ db: ctx.db }, { residentId: resident.id });
    await checkpoint();
    const res = await get(resident, `/api/v1/applications/${applicationId}/evidence`);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.headers['content-type'] as string, /^application\/json/);
    assert.equal(res.headers['content-disposition'], `attachment; filename="evidence-${reference}.json"`);
    const bundle = res.json<EvidenceBundle>();
    const verified = verifyBundle(bundle, [TEST_VERIFIER_KEY]);
    assert.equal(verified.ok, true, JSON.stringify(verified));
    assert.ok(verified.ok);
    assert.equal(verified.leafIndex, (await receiptOf(applicationId)).evidence?.leafIndex);
    assert.equal(verified.fact.ids.application, applicationId);
    // One changed character of the fact and it no longer verifies.
    assert.equal(verifyBundle({ ...bundle, fact: bundle.fact.replace(reference, reference.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))) }, [TEST_VERIFIER_KEY]).ok, false);

    const foreign = await get(other, `/api/v1/applications/${applicationId}/evidence`);
    assert.equal(foreign.statusCode, 404);
    assert.equal(foreign.json<{ code: string }>().code, 'applications.not_found');
  });

  test('given the receipt page, then 「到達の証明」 explains the proof: pending with a reload link, then with the download', async () => {
    const { applicationId } = await arrivedApplication({ db: ctx.db }, { residentId: resident.id });
    const pendingPage = await get(resident, `/applications/${applicationId}`, 'text/html');
    assert.equal(pendingPage.statusCode, 200);
    assert.match(pendingPage.body, /<h2 id="evidence-title">到達の証明<\/h2>/);
    assert.match(pendingPage.body, /公開の「証明の記録簿」/);
    assert.match(pendingPage.body, /個人情報は含まれません/);
    assert.match(pendingPage.body, /数秒で準備できます/);
    assert.match(pendingPage.body, new RegExp(`<a href="/applications/${applicationId}#evidence">ページを再読み込みする</a>`));
    assert.doesNotMatch(pendingPage.body, /\/evidence" download/);
    assert.match(pendingPage.body, new RegExp(`href="/applications/${applicationId}/receipt.pdf"`));

    await checkpoint();
    const leaf = (await receiptOf(applicationId)).evidence!.leafIndex!;
    const ready = await get(resident, `/applications/${applicationId}`, 'text/html');
    assert.match(ready.body, /到達の証明/);
    assert.match(ready.body, new RegExp(`<a href="/api/v1/applications/${applicationId}/evidence" download="">証明ファイル（JSON）をダウンロードする</a>`));
    assert.match(ready.body, /node tools\/verify-evidence\.mjs bundle\.json/);
    assert.match(ready.body, /RFC 9162/);
    assert.match(ready.body, new RegExp(`<dd>${leaf}</dd>`), 'the leaf number is shown');
    assert.match(ready.body, /申請の到達/);
    assert.doesNotMatch(ready.body, /数秒で準備できます/);

    // In English too, after the Japanese.
    const english = await t.app.inject({ method: 'GET', url: `/applications/${applicationId}`, cookies: { ...resident.cookies, lang: 'en' }, headers: { accept: 'text/html' } });
    assert.match(english.body, /Proof of arrival/);
    assert.match(english.body, /No personal data/);
  });

  test('given the PDF receipt, then it embeds its Japanese font and shows the reference, the arrival time in Japan and the fact, with the bundle inside once checkpointed; another resident gets 404', async () => {
    const { applicationId, reference } = await arrivedApplication({ db: ctx.db }, { residentId: resident.id });
    const url = `/applications/${applicationId}/receipt.pdf`;
    const early = await get(resident, url, 'application/pdf');
    assert.equal(early.statusCode, 200, early.body);
    assert.equal(early.headers['content-type'], 'application/pdf');
    assert.equal(early.headers['cache-control'], 'private, no-store');
    const earlyBytes = early.rawPayload;
    assert.equal(earlyBytes.subarray(0, 5).toString('latin1'), '%PDF-');
    const raw = earlyBytes.toString('latin1');
    assert.match(raw, /\/FontFile[23] \d+ 0 R/, 'the font is embedded');
    assert.match(raw, /\/FontName \/[A-Z]{6}\+NotoSansJP-Regular/, 'as a subset of Noto Sans JP');
    assert.doesNotMatch(raw, /\/BaseFont \/(Helvetica|Times|Courier)/, 'no standard font left unembedded');
    const text = pdfText(earlyBytes);
    const row = await ctx.db.kysely.selectFrom('applications').select('arrived_at').where('id', '=', applicationId).executeTakeFirstOrThrow();
    assert.ok(text.includes(reference), 'the reference number');
    assert.ok(text.includes(japanTimeWithZone(row.arrived_at.toISOString())), 'the arrival time in Japan with its zone (R1)');
    assert.match(text, /到達の証明/);
    assert.match(text, /本人確認書類/, 'the original to bring (R5)');
    const logged = (await findFact(ctx.db.kysely, 'application.arrived', applicationId))!;
    assert.ok(text.replace(/\n/g, '').includes(logged.fact), 'the fact, exactly');
    assert.match(text, /まだありません/, 'no bundle yet');
    assert.equal(pdfEmbeddedFiles(earlyBytes).length, 0);

    await checkpoint();
    const late = await get(resident, url, 'application/pdf');
    const lateText = pdfText(late.rawPayload);
    const leaf = (await receiptOf(applicationId)).evidence!.leafIndex!;
    assert.match(lateText, new RegExp(`Leaf index\\n${leaf}\\n`));
    assert.match(lateText, /このPDFに添付しています/);
    const [attached] = pdfEmbeddedFiles(late.rawPayload);
    assert.ok(attached, 'the bundle is attached inside the PDF');
    assert.equal(verifyBundle(JSON.parse(attached.toString('utf8')) as EvidenceBundle, [TEST_VERIFIER_KEY]).ok, true);

    assert.equal((await get(other, url, 'application/pdf')).statusCode, 404);
  });
});
