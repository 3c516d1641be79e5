#!/usr/bin/env node
// Standalone verifier of a Kosodate One-Stop evidence bundle: node tools/verify-evidence.mjs
// BUNDLE.json [--key VERIFIER_KEY]... It needs nothing but Node.js (no import from the platform),
// and follows docs/evidence.md step by step, so it can be ported to any language with SHA-256,
// Ed25519 and base64. Exit 0: valid; 1: invalid (with the reason); 2: usage.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

class Invalid extends Error {}
const fail = (reason) => { throw new Invalid(reason); };
const sha256 = (...parts) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();
const half = (n) => Math.floor(n / 2); // sizes reach 2^53: never >> (32 bits)

// Strict base64: one text per value (Buffer.from alone would skip bad characters).
function base64(text, what) {
  const bytes = typeof text === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(text) ? Buffer.from(text, 'base64') : undefined;
  if (!bytes || bytes.toString('base64') !== text) fail(`${what} is not base64`);
  return bytes;
}

// Step 1: a verifier key "<name>+<8 hex key id>+<base64(0x01 || 32-byte Ed25519 key)>".
function parseVerifierKey(text) {
  const m = /^([^+\s]+)\+([0-9a-fA-F]{8})\+(\S+)$/u.exec(typeof text === 'string' ? text : '');
  if (!m) fail('the verifier key is not <name>+<key id>+<key>');
  const key = base64(m[3], 'the verifier key');
  if (key.length !== 33 || key[0] !== 0x01) fail('the verifier key is not an Ed25519 key');
  const id = sha256(Buffer.from(`${m[1]}\n`, 'utf8'), key).subarray(0, 4); // name || 0x0A || 0x01 || key
  if (id.toString('hex') !== m[2].toLowerCase()) fail('the key id does not match the verifier key');
  const der = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), key.subarray(1)]);
  try {
    return { name: m[1], id, publicKey: createPublicKey({ key: der, format: 'der', type: 'spki' }) };
  } catch {
    fail('the verifier key is not an Ed25519 key');
  }
}

// RFC 8785 for JSON texts of objects, arrays, strings and integers (all a fact holds):
// members sorted by UTF-16 code units, no white space, JSON.stringify's strings and numbers.
function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
}

function verifyBundle(bundle, trustedKeys) {
  const members = ['format', 'fact', 'leafIndex', 'treeSize', 'inclusionProof', 'checkpoint', 'verifierKey'];
  if (bundle?.format !== 'kosodate-onestop/evidence-bundle/v1') fail('not an evidence bundle (format)');
  if (Object.keys(bundle).some((k) => !members.includes(k))) fail('the bundle has unknown members');
  const { fact, leafIndex, treeSize, inclusionProof, checkpoint } = bundle;
  if (typeof fact !== 'string' || typeof checkpoint !== 'string' || checkpoint.length > 65536) fail('the bundle is malformed');
  if (!Array.isArray(inclusionProof) || inclusionProof.length > 64) fail('the inclusion proof is malformed');
  if (!Number.isSafeInteger(leafIndex) || !Number.isSafeInteger(treeSize) || leafIndex < 0) fail('the leaf index or tree size is malformed');
  // 1. The keys to trust: --key, else the bundle's own.
  const keys = (trustedKeys.length > 0 ? trustedKeys : [bundle.verifierKey]).map(parseVerifierKey);
  // 2. The signed note: body, blank line, signature lines "— <name> <base64(key id || signature)>".
  const split = checkpoint.indexOf('\n\n');
  if (split < 0 || !checkpoint.endsWith('\n')) fail('the checkpoint is not a signed note');
  const body = checkpoint.slice(0, split + 1);
  const lines = checkpoint.slice(split + 2, -1).split('\n');
  if (lines.length > 100) fail('the checkpoint has too many signatures');
  let signer;
  for (const line of lines) {
    const m = /^\u2014 ([^+\s]+) (\S+)$/u.exec(line);
    if (!m) fail('the checkpoint has a malformed signature line');
    const signature = base64(m[2], 'a signature');
    const key = keys.find((k) => k.name === m[1] && k.id.equals(signature.subarray(0, 4)));
    if (!key) continue; // another key's signature (e.g. a witness): not ours to check
    if (!verify(null, Buffer.from(body, 'utf8'), key.publicKey, signature.subarray(4))) fail(`invalid signature for key ${key.name}+${key.id.toString('hex')}`);
    signer ??= key;
  }
  if (!signer) fail('the checkpoint is not signed by a trusted key');
  // 3. The checkpoint body: origin, size, base64 root, time line.
  const c = /^([^\n]+)\n(0|[1-9][0-9]{0,15})\n([A-Za-z0-9+/]{43}=)\ntime (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)\n$/.exec(body);
  if (!c) fail('the checkpoint body is malformed');
  const [, origin, size, root, time] = c;
  if (origin !== signer.name) fail(`the checkpoint's origin ${origin} is not the log of the key ${signer.name}`);
  if (Number(size) !== treeSize) fail(`the checkpoint is of tree size ${size}, the bundle says ${treeSize}`);
  if (leafIndex >= treeSize) fail(`leaf ${leafIndex} is not in a tree of ${treeSize} leaves`);
  // 4. RFC 9162 §2.1.3.2: from the leaf hash SHA-256(0x00 || fact) up to the root.
  let r = sha256(Buffer.from([0x00]), Buffer.from(fact, 'utf8'));
  let fn = leafIndex;
  let sn = treeSize - 1;
  for (const text of inclusionProof) {
    const p = base64(text, 'a proof hash');
    if (p.length !== 32 || sn === 0) fail('the inclusion proof does not lead from the fact to the checkpoint root');
    if (fn % 2 === 1 || fn === sn) {
      r = sha256(Buffer.from([0x01]), p, r);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      r = sha256(Buffer.from([0x01]), r, p);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  if (sn !== 0 || !r.equals(base64(root, 'the root'))) fail('the inclusion proof does not lead from the fact to the checkpoint root');
  // 5. The fact: canonical JSON (its only text), version 1.
  let f;
  try { f = JSON.parse(fact); } catch { fail('the fact is not JSON'); }
  if (canonical(f) !== fact) fail('the fact is not in RFC 8785 canonical form');
  const isObject = (o) => typeof o === 'object' && o !== null && !Array.isArray(o);
  const fields = isObject(f) && f.v === 1 && typeof f.kind === 'string' && typeof f.time === 'string' && /^\d{6}$/.test(f.municipality);
  if (!fields || !['live', 'test'].includes(f.mode) || ![f.ids, f.digests, f.details].every(isObject)) fail('the fact is not a version-1 fact');
  return { fact: f, leafIndex, treeSize, origin, time, key: `${signer.name}+${signer.id.toString('hex')}` };
}

let args, file;
try {
  args = parseArgs({ allowPositionals: true, options: { key: { type: 'string', multiple: true } } });
  if (args.positionals.length !== 1) throw new Error('one bundle file is needed');
  file = readFileSync(args.positionals[0], 'utf8');
} catch (error) {
  process.stderr.write(`${error.message}\n使い方 / usage: node tools/verify-evidence.mjs BUNDLE.json [--key VERIFIER_KEY]\n`);
  process.exit(2);
}
try {
  let bundle;
  try { bundle = JSON.parse(file); } catch { fail('the file is not JSON'); }
  const v = verifyBundle(bundle, args.values.key ?? []);
  const values = [v.fact.kind, v.fact.time, v.fact.municipality, v.leafIndex, v.treeSize, v.origin, v.key, v.time];
  const rows = (labels) => labels.map((label, i) => `  ${label}: ${values[i]}\n`).join('');
  process.stdout.write(`検証に成功しました。この事実は、署名されたログに記録されています。\n${rows(['種類', '事実の時刻', '自治体コード', '葉の番号', '木の大きさ', 'ログ', '署名鍵', '署名の時刻'])}`);
  process.stdout.write(`Verified: this fact is recorded in the signed log.\n${rows(['kind', 'fact time', 'municipality', 'leaf', 'tree size', 'log origin', 'key', 'signed at'])}`);
} catch (error) {
  if (!(error instanceof Invalid)) throw error;
  process.stderr.write(`検証に失敗しました / verification FAILED: ${error.message}\n`);
  process.exit(1);
}
