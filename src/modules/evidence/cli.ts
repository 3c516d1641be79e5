// `onestop evidence …`: offline checks and keys of the evidence log (R18). Neither command opens the
// database: a bundle proves itself with the verifier key, and a new key is only printed.
import { readFile } from 'node:fs/promises';
import type { Command } from '../../platform/cli/command.ts';
import { UsageError } from '../../platform/cli/command.ts';
import { BundleFormatError, parseBundle } from './bundle.ts';
import { generateKey, isValidKeyName } from './note.ts';
import { verifyBundle } from './verify.ts';

function summary(rows: [string, string, string][], lang: 0 | 1): string {
  return rows.map((r) => `  ${r[lang]}: ${r[2]}\n`).join('');
}

export const evidenceCommands: Command[] = [
  {
    name: 'evidence verify',
    summary: 'Verify an evidence proof bundle offline (fact, inclusion proof, signed checkpoint)',
    args: 'BUNDLE.json',
    description:
      "Checks that the checkpoint is signed by the verifier key, that the fact's leaf hash leads to the checkpoint's root through the inclusion proof, and that the fact is in canonical form (docs/evidence.md). Without --key the bundle's own key is used: then compare the key printed with the platform's published key (GET /api/v1/evidence/keys). Exit 0 when valid, 1 when not.",
    options: {
      key: { type: 'string', multiple: true, valueName: 'KEY', description: "a verifier key to trust instead of the bundle's own" },
    },
    async run(ctx) {
      const [file, ...extra] = ctx.positionals;
      if (!file || extra.length > 0) throw new UsageError('name one bundle file: onestop evidence verify BUNDLE.json [--key KEY]');
      const keys = (ctx.values.key as string[] | undefined) ?? [];
      let text: Buffer;
      try {
        text = await readFile(file);
      } catch (error) {
        throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
      let verdict;
      try {
        verdict = verifyBundle(parseBundle(text), keys);
      } catch (error) {
        if (!(error instanceof BundleFormatError)) throw error;
        verdict = { ok: false as const, reason: error.message };
      }
      if (!verdict.ok) {
        ctx.err.write(`検証に失敗しました / verification FAILED: ${verdict.reason}\n`);
        return 1;
      }
      const rows: [string, string, string][] = [
        ['種類', 'kind', verdict.fact.kind],
        ['事実の時刻', 'fact time', verdict.fact.time],
        ['自治体コード', 'municipality', verdict.fact.municipality],
        ['葉の番号', 'leaf', String(verdict.leafIndex)],
        ['木の大きさ', 'tree size', String(verdict.treeSize)],
        ['ログ', 'log origin', verdict.origin],
        ['署名鍵', 'key', `${verdict.keyName}+${verdict.keyId}`],
        ['署名の時刻', 'signed at', verdict.time],
      ];
      ctx.out.write(`検証に成功しました。この事実は、署名されたログに記録されています。\n${summary(rows, 0)}`);
      ctx.out.write(`Verified: this fact is recorded in the signed log.\n${summary(rows, 1)}`);
      return 0;
    },
  },
  {
    name: 'evidence keygen',
    summary: 'Make a new Ed25519 key for signing checkpoints: prints the private key, then its verifier key',
    description:
      "The name is the log's origin (EVIDENCE_ORIGIN, e.g. example.jp/evidence). The first line is the private key for EVIDENCE_SIGNING_KEYS — keep it secret; the second is the verifier key to publish. Both are in the format of Go's golang.org/x/mod/sumdb/note. To rotate, put the new key first in EVIDENCE_SIGNING_KEYS and keep the old one after it for a while: every checkpoint is signed by both.",
    options: {
      name: { type: 'string', valueName: 'NAME', description: "the key's name: the log's origin, e.g. example.jp/evidence" },
    },
    async run(ctx) {
      const name = ctx.values.name;
      if (typeof name !== 'string' || name === '') throw new UsageError('--name is required: the log origin, e.g. example.jp/evidence');
      if (!isValidKeyName(name)) throw new UsageError('--name must have no spaces and no "+", at most 255 bytes');
      const { privateKey, verifierKey } = generateKey(name);
      ctx.out.write(`${privateKey}\n${verifierKey}\n`);
      ctx.err.write('line 1: private key (secret; EVIDENCE_SIGNING_KEYS) / line 2: verifier key (publish)\n');
      return 0;
    },
  },
];
