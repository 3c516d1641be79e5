// The witness against a naive RFC 9162 log (naive-log.ts) that can be made to misbehave: every
// misbehaviour of issue #12 §5 is an alarm with its reason, and an unreachable log is not one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { NaiveLog, naiveConsistency, naiveRoot, naiveSigner, sampleFact } from './naive-log.ts';
import { logStandings, witnessState } from './repository/witness.ts';
import { factLeafHash, Frontier, witnessOnce } from './witness.ts';
import { witnessDueLogs } from './jobs/witness.ts';
import { CompactRange, verifyConsistency } from './verify.ts';

const facts = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => sampleFact(from + i));

test('the compact range gives the RFC root at every size, and survives being stored', () => {
  const leaves = facts(0, 70).map(factLeafHash);
  const range = Frontier.empty();
  const theirs = CompactRange.empty();
  assert.deepEqual(Buffer.from(range.root()), naiveRoot([]));
  for (let n = 1; n <= leaves.length; n++) {
    range.append(leaves[n - 1]!);
    theirs.append(leaves[n - 1]!);
    assert.deepEqual(Buffer.from(range.root()), naiveRoot(leaves.slice(0, n)), `size ${n}`);
    assert.deepEqual(range.serialise(), Buffer.from(theirs.frontier()), `the frontier at ${n} is verify.ts's`);
    const restored = Frontier.restore(n, range.serialise());
    for (const more of leaves.slice(n, n + 5)) restored.append(more);
    assert.deepEqual(Buffer.from(restored.root()), naiveRoot(leaves.slice(0, Math.min(n + 5, leaves.length))), `restored at ${n}`);
  }
  assert.throws(() => Frontier.restore(7, Buffer.alloc(64)), /3 hashes/);
});

test('consistency proofs of the naive log verify with verify.ts for every pair of sizes, and a changed one does not', () => {
  const leaves = facts(0, 33).map(factLeafHash);
  for (let m = 0; m <= leaves.length; m++) {
    for (let n = m; n <= leaves.length; n++) {
      const proof = naiveConsistency(m, leaves.slice(0, n));
      const [r1, r2] = [naiveRoot(leaves.slice(0, m)), naiveRoot(leaves.slice(0, n))];
      assert.ok(verifyConsistency(m, n, proof, r1, r2), `${m} → ${n}`);
      if (m > 0 && m < n) {
        assert.ok(!verifyConsistency(m, n, proof, r2, r2), `${m} → ${n} with the wrong old root`);
        for (let i = 0; i < proof.length; i++) {
          const bad = proof.map((h, j) => (j === i ? Buffer.alloc(32, 7) : h));
          assert.ok(!verifyConsistency(m, n, bad, r1, r2), `${m} → ${n}, hash ${i} changed`);
        }
      }
    }
  }
});

describeOnDatabases('the witness', (ctx) => {
  let n = 0;
  /** A fresh log at its own address, so each test starts with no observations of it. */
  const newLog = () => new NaiveLog(naiveSigner('log.example/evidence'), `https://log${++n}.example`);
  const look = (log: NaiveLog, options: { full?: boolean; verifierKey?: string } = {}) =>
    witnessOnce(ctx.db, { url: log.base, verifierKey: options.verifierKey ?? log.signer.verifierKey, fetch: log.fetch, ...(options.full ? { full: true } : {}) });

  test('a first look re-hashes every fact; later looks verify consistency and only the new facts', async () => {
    const log = newLog();
    log.append(...facts(0, 25_003));
    log.checkpoint();
    const first = await look(log);
    assert.equal(first.status, 'ok', first.reason ?? '');
    assert.equal(first.fullCheck, true);
    assert.equal(first.size, 25_003);
    assert.deepEqual(Buffer.from(first.root!), naiveRoot(log.leaves));
    assert.equal(log.requests.filter((p) => p.endsWith('/facts')).length, 3, 'pages of at most 10,000');

    log.append(...facts(25_003, 25_010));
    log.checkpoint();
    log.requests.length = 0;
    const second = await look(log);
    assert.equal(second.status, 'ok', second.reason ?? '');
    assert.equal(second.fullCheck, false);
    assert.equal(second.size, 25_010);
    assert.deepEqual(log.requests, ['/api/v1/evidence/checkpoint', '/api/v1/evidence/proofs/consistency', '/api/v1/evidence/facts']);

    // Nothing new: still a verified look, with nothing to fetch but the checkpoint.
    log.requests.length = 0;
    assert.equal((await look(log)).status, 'ok');
    assert.deepEqual(log.requests, ['/api/v1/evidence/checkpoint']);
  });

  test('a fact changed behind the tree passes an incremental look but not a full one, and the alarm stays', async () => {
    const log = newLog();
    log.append(...facts(0, 40));
    log.checkpoint();
    assert.equal((await look(log)).status, 'ok');
    log.tamper(17, sampleFact(17).replace('"simple"', '"signed"'));
    log.append(...facts(40, 45));
    log.checkpoint();
    // The stored tree still answers consistency, and the new facts extend it: an incremental look
    // cannot see the change. That is why the job re-reads everything every so often.
    assert.equal((await look(log)).status, 'ok');
    const full = await look(log, { full: true });
    assert.equal(full.status, 'alarm');
    assert.match(full.reason!, /^history: facts \[0, 45\) no longer hash to the root .* a fact was changed$/);
    assert.equal(full.size, 45);
    // The next look is full by itself, so the alarm does not clear.
    const again = await look(log);
    assert.equal(again.status, 'alarm');
    assert.equal(again.fullCheck, true);
    assert.equal((await witnessState(ctx.db.kysely, log.base)).inAlarm, true);
  });

  test('a fact changed before the witness first looked fails the signed root', async () => {
    const log = newLog();
    log.append(...facts(0, 10));
    log.tamper(3, sampleFact(1003));
    log.checkpoint();
    const first = await look(log);
    assert.equal(first.status, 'alarm');
    assert.match(first.reason!, /^facts: facts \[0, 10\) hash to .*, not the signed root/);
  });

  test('a fork (same size, another root) and a shrunk log are alarms', async () => {
    const log = newLog();
    log.append(...facts(0, 12));
    log.checkpoint();
    assert.equal((await look(log)).status, 'ok');
    const other = facts(100, 112).map(factLeafHash);
    log.serveNote = log.checkpoint(log.signer, 12, naiveRoot(other));
    const fork = await look(log);
    assert.equal(fork.status, 'alarm');
    assert.match(fork.reason!, /^fork: a signed checkpoint of size 12 with root /);
    assert.equal(fork.note, log.serveNote, 'the signed evidence of the fork is kept');

    log.serveNote = log.checkpoint(log.signer, 11);
    const shrunk = await look(log);
    assert.equal(shrunk.status, 'alarm');
    assert.match(shrunk.reason!, /^shrunk: a signed checkpoint of size 11, after one of size 12/);
  });

  test('a checkpoint signed by another key, or for another origin, is an alarm', async () => {
    const log = newLog();
    log.append(...facts(0, 3));
    log.checkpoint(naiveSigner('log.example/evidence'));
    const unknown = await look(log);
    assert.equal(unknown.status, 'alarm');
    assert.match(unknown.reason!, /^signature: the note is not signed by a trusted key \(signed by: log\.example\/evidence\+[0-9a-f]{8}\)$/);

    const elsewhere = naiveSigner('elsewhere.example/evidence');
    log.checkpoint(elsewhere);
    const origin = await look(log, { verifierKey: elsewhere.verifierKey });
    assert.equal(origin.status, 'alarm');
    assert.match(origin.reason!, /^origin: the checkpoint is of "log\.example\/evidence"/);

    const badKey = await look(log, { verifierKey: 'not a key' });
    assert.match(badKey.reason!, /^signature: the configured verifier key is unusable/);
  });

  test('a consistency proof that does not verify, and new facts that miss the root, are alarms', async () => {
    const log = newLog();
    log.append(...facts(0, 21));
    log.checkpoint();
    assert.equal((await look(log)).status, 'ok');
    log.append(...facts(21, 30));
    log.checkpoint();
    log.corruptConsistency = true;
    const bad = await look(log);
    assert.equal(bad.status, 'alarm');
    assert.match(bad.reason!, /^consistency: the log's proof does not show size 30 extending size 21/);
    log.corruptConsistency = false;

    const log2 = newLog();
    log2.append(...facts(0, 8));
    log2.checkpoint();
    assert.equal((await look(log2)).status, 'ok');
    log2.append(...facts(8, 9));
    log2.checkpoint();
    log2.tamper(8, sampleFact(9999));
    const missed = await look(log2);
    assert.equal(missed.status, 'alarm');
    assert.match(missed.reason!, /^facts: facts \[8, 9\) do not extend the verified tree/);
  });

  test('an unreachable log is recorded as such, raises no alarm and leaves the verified state alone', async () => {
    const log = newLog();
    const none = await look(log);
    assert.equal(none.status, 'unreachable');
    assert.match(none.reason!, /no checkpoint yet/);
    log.append(...facts(0, 5));
    log.checkpoint();
    assert.equal((await look(log)).status, 'ok');
    log.failWith = 503;
    const down = await look(log);
    assert.equal(down.status, 'unreachable');
    assert.match(down.reason!, /^unreachable: GET \/checkpoint answered 503/);
    const refused = await witnessOnce(ctx.db, { url: 'http://127.0.0.1:9', verifierKey: log.signer.verifierKey });
    assert.equal(refused.status, 'unreachable');
    log.failWith = null;
    assert.equal((await witnessState(ctx.db.kysely, log.base)).inAlarm, false);
    const back = await look(log);
    assert.equal(back.status, 'ok');
    assert.equal(back.fullCheck, false);
    const standing = (await logStandings(ctx.db.kysely)).find((s) => s.logUrl === log.base)!;
    assert.equal(standing.standing?.status, 'ok');
  });

  test('the job looks at a log when its interval has passed, and re-reads everything every Nth look', async () => {
    const log = newLog();
    log.append(...facts(0, 4));
    log.checkpoint();
    const messages: string[] = [];
    const round = (intervalSeconds: number) =>
      witnessDueLogs(ctx.db, { logs: [{ url: log.base, verifierKey: log.signer.verifierKey }], intervalSeconds, fullEvery: 3, fetch: log.fetch }, (level, message) => messages.push(`${level} ${message}`));
    assert.equal(await round(600), 1, 'never looked at: due');
    assert.equal(await round(600), 0, 'looked at just now');
    // Within five seconds of the interval counts as due: cron runs start a little after the minute.
    const fulls: boolean[] = [];
    for (let i = 0; i < 6; i++) {
      log.append(sampleFact(100 + i));
      log.checkpoint();
      assert.equal(await round(5), 1);
      const [latest] = (await logStandings(ctx.db.kysely)).filter((s) => s.logUrl === log.base).map((s) => s.latest);
      fulls.push(latest!.fullCheck);
    }
    assert.deepEqual(fulls, [false, false, true, false, false, true]);
    log.serveNote = log.checkpoint(log.signer, 2);
    await round(5);
    assert.equal(messages.at(-1), 'error evidence log witness ALARM');
  });

  test('observations cannot be changed or removed', async () => {
    const log = newLog();
    log.append(...facts(0, 2));
    log.checkpoint();
    await look(log);
    for (const statement of ["update evidence_witness_observations set status = 'ok'", 'delete from evidence_witness_observations', 'truncate evidence_witness_observations']) {
      await assert.rejects(ctx.db.executeSql(statement), /append-only/, statement);
    }
  });
});
