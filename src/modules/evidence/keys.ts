// The keys that sign the evidence log's checkpoints (issue #12, point 3). Configured keys in
// production (EVIDENCE_SIGNING_KEYS, the current one first; all of them sign, so a key can be
// rotated with overlap); for the embedded database and the demo, a key generated once and kept in
// DATA_DIR, so the log keeps its identity across restarts; for a throwaway run, one in memory.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError, type EvidenceSettings } from '../../platform/config.ts';
import { generateKey, parseSignerKey, type NoteSigner } from './note.ts';

export interface PublishedKey {
  verifierKey: string;
  /** Whether it signs new checkpoints (false: retired, published for old checkpoints). */
  current: boolean;
}

export interface EvidenceKeys {
  /** The log's name, first line of every checkpoint and name of every key. */
  origin: string;
  /** The signing keys, the current one first: each signs every checkpoint. */
  signers: NoteSigner[];
  /** The signing keys' verifier keys, then the retired ones (EVIDENCE_PUBLISHED_KEYS). */
  published: PublishedKey[];
}

/** The verifier key of the current signing key: the one a proof bundle carries. */
export function currentVerifierKey(keys: EvidenceKeys): string {
  return keys.published[0]!.verifierKey;
}

function withPublished(origin: string, signers: NoteSigner[], settings: EvidenceSettings): EvidenceKeys {
  const own = signers.map((s) => s.verifierKey);
  return {
    origin,
    signers,
    published: [
      ...own.map((verifierKey) => ({ verifierKey, current: true })),
      ...settings.publishedKeys.filter((k) => !own.includes(k)).map((verifierKey) => ({ verifierKey, current: false })),
    ],
  };
}

function parseOrRefuse(text: string, where: string): NoteSigner {
  try {
    return parseSignerKey(text);
  } catch {
    // Never the key itself: it is the secret that makes checkpoints count.
    throw new ConfigError([`${where}: not a valid Ed25519 private key (make one with \`onestop evidence keygen --name NAME\`)`]);
  }
}

/** The key kept in DATA_DIR, made on first use; another process may be making it at the same moment. */
async function keptKey(path: string, origin: string): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dirname(path), { recursive: true });
  const { privateKey } = generateKey(origin);
  try {
    await writeFile(path, `${privateKey}\n`, { mode: 0o600, flag: 'wx' });
    return privateKey;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return (await readFile(path, 'utf8')).trim();
  }
}

export async function loadEvidenceKeys(settings: EvidenceSettings): Promise<EvidenceKeys> {
  const store = settings.keyStore;
  switch (store.kind) {
    case 'configured': {
      const signers = settings.signingKeys.map((k, i) => parseOrRefuse(k, `EVIDENCE_SIGNING_KEYS (key ${i + 1})`));
      return withPublished(settings.origin, signers, settings);
    }
    case 'memory':
      return withPublished(settings.origin, [parseSignerKey(generateKey(settings.origin).privateKey)], settings);
    case 'file': {
      const signer = parseOrRefuse(await keptKey(store.path, settings.origin), store.path);
      // The kept key names the log it has signed for: a new PUBLIC_URL (another port) must not
      // start another log under the same key. Only an explicit EVIDENCE_ORIGIN may disagree, and not silently.
      if (settings.originChosen && signer.name !== settings.origin) {
        throw new ConfigError([
          `EVIDENCE_ORIGIN: the key kept in ${store.path} signs the log "${signer.name}", not "${settings.origin}"; move that file away to start a new log, or unset EVIDENCE_ORIGIN`,
        ]);
      }
      return withPublished(signer.name, [signer], settings);
    }
    case 'missing':
      throw new ConfigError([
        'EVIDENCE_SIGNING_KEYS: on PostgreSQL without the demo, the evidence log needs its signing key from the configuration (make one with `onestop evidence keygen --name NAME` and keep it secret)',
      ]);
  }
}
