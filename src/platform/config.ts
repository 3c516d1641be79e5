// One validated configuration for the whole platform. Every setting comes from the environment
// or a command-line flag; a bad or missing setting stops the start with a message that names it.
import { resolve } from 'node:path';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { isCidr } from './http/networks.ts';


export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000, description: 'TCP port to listen on' }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1', description: 'address to listen on' }),
  DATABASE_URL: Type.Optional(
    Type.String({
      pattern: '^postgres(ql)?://',
      description: 'PostgreSQL connection string; without it the embedded database (PGlite) is used',
    }),
  ),
  DATA_DIR: Type.String({ minLength: 1, default: './data', description: 'where the embedded database keeps its files' }),
  MEMORY: Type.Boolean({ default: false, description: 'embedded database in memory only (a throwaway run)' }),
  PUBLIC_URL: Type.Optional(
    Type.String({ pattern: '^https?://[^/]+', description: 'the address residents and staff use (for links)' }),
  ),
  LOG_LEVEL: Type.Union(
    [
      Type.Literal('fatal'),
      Type.Literal('error'),
      Type.Literal('warn'),
      Type.Literal('info'),
      Type.Literal('debug'),
      Type.Literal('trace'),
      Type.Literal('silent'),
    ],
    { default: 'info', description: 'pino log level' },
  ),
  RATE_LIMIT_MAX: Type.Integer({ minimum: 1, default: 600, description: 'requests per minute per client address' }),
  DEMO: Type.Optional(
    Type.Boolean({ description: 'load demo data at start (default: yes on the embedded database, no on PostgreSQL)' }),
  ),
  RUN_JOBS: Type.Boolean({ default: true, description: 'work the job queue in the server process' }),
  DB_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10, description: 'PostgreSQL connections per process' }),
  CERTIFICATE_LINKS: Type.Union([Type.Literal('test-pki')], {
    default: 'test-pki',
    description: "who says whether a signature certificate is on the same card as the login certificate (J-LIS's link service, R17); test-pki: the platform's test PKI",
  }),
  HELP_INQUIRY_RETENTION_DAYS: Type.Integer({
    minimum: 1,
    maximum: 3650,
    default: 365,
    description: 'days after closing that an operation inquiry keeps its text and contact address; a daily job then erases them (timings stay)',
  }),
  TRUST_PROXY: Type.Boolean({ default: false, description: 'trust X-Forwarded-* headers from a reverse proxy' }),
  METRICS_ALLOW: Type.String({
    default: '127.0.0.1/32,::1/128',
    description: 'networks (addresses or CIDR blocks, comma-separated; "none" for none) that may read /metrics without the token',
  }),
  METRICS_TOKEN: Type.Optional(
    Type.String({ minLength: 32, pattern: '^[\\x21-\\x7e]+$', description: 'bearer token that opens /metrics from any address (32+ visible ASCII characters)' }),
  ),  EVIDENCE_SIGNING_KEYS: Type.Optional(
    Type.String({
      description:
        'private keys that sign the evidence log\'s checkpoints (PRIVATE+KEY+<name>+<id>+<key>, comma-separated; the first is the current one, every one signs: rotation with overlap); without it the embedded database or the demo keeps a generated key in DATA_DIR/evidence-signing.key',
    }),
  ),
  EVIDENCE_ORIGIN: Type.Optional(
    Type.String({
      pattern: '^[\\x21-\\x2a\\x2c-\\x7e]{1,200}$',
      description: "the evidence log's name in its checkpoints, and its keys' name (default: the signing keys' name, else <host of PUBLIC_URL>/evidence)",
    }),
  ),
  EVIDENCE_PUBLISHED_KEYS: Type.Optional(
    Type.String({ description: 'retired verifier keys (<name>+<id>+<key>, comma-separated) still published beside the signing keys, so old checkpoints stay checkable' }),
  ),
  EVIDENCE_CHECKPOINT_INTERVAL_MS: Type.Integer({
    minimum: 100,
    maximum: 3_600_000,
    default: 1000,
    description: 'how often a job-running node integrates new facts into the evidence log and signs a checkpoint if it grew (milliseconds)',
  }),
  EVIDENCE_WITNESS: Type.Optional(
    Type.String({ description: "evidence logs this node witnesses: <the platform's address (https://host)>|<its log's verifier key>, comma-separated" }),
  ),
  EVIDENCE_WITNESS_INTERVAL_S: Type.Integer({ minimum: 1, maximum: 86_400, default: 60, description: 'seconds between two observations of each witnessed log' }),
  EVIDENCE_WITNESS_FULL_EVERY: Type.Integer({
    minimum: 1,
    maximum: 1_000_000,
    default: 60,
    description: 'every Nth observation of a witnessed log re-verifies the whole log from its first fact',
  }),
});

export type Config = Static<typeof ConfigSchema> & {
  /** Absolute path of DATA_DIR. */
  dataDir: string;
  /** PUBLIC_URL, or the listen address when none is set. */
  publicUrl: string;
  /** Whether start loads the demo data. */
  demo: boolean;
  /** METRICS_ALLOW as a list of CIDR blocks (empty: only the token opens /metrics). */
  metricsAllow: string[];
  /** Which database the platform runs on. */
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string | null };
  /** The evidence log's settings (EVIDENCE_*), checked and split. */
  evidence: EvidenceSettings;
};

/**
 * Where the evidence log's signing keys come from: the configuration; a key generated once and
 * kept in DATA_DIR (the embedded database, the demo); one generated for this run only (MEMORY);
 * or nowhere, which stops every node that signs (PostgreSQL without the demo: a production log
 * must not sign with a key nobody chose and nobody keeps).
 */
export type EvidenceKeyStore = { kind: 'configured' } | { kind: 'file'; path: string } | { kind: 'memory' } | { kind: 'missing' };

export interface EvidenceSettings {
  /** The log's name: EVIDENCE_ORIGIN, else the signing keys' name, else <host of PUBLIC_URL>/evidence. */
  origin: string;
  /** Whether `origin` was chosen (setting or keys) rather than derived from PUBLIC_URL. */
  originChosen: boolean;
  /** EVIDENCE_SIGNING_KEYS, the current key first. */
  signingKeys: string[];
  keyStore: EvidenceKeyStore;
  /** EVIDENCE_PUBLISHED_KEYS: retired verifier keys. */
  publishedKeys: string[];
  checkpointIntervalMs: number;
  /** EVIDENCE_WITNESS: the logs this node witnesses. */
  witness: Array<{ url: string; verifierKey: string }>;
  witnessIntervalSeconds: number;
  witnessFullEvery: number;
}

// The key formats of Go's golang.org/x/mod/sumdb/note (docs/evidence.md): a name without '+' or
// spaces, a key id of 8 hex digits, and base64 of the algorithm byte and the key. The evidence
// module parses them for real; here only their shape is checked, so a typo stops the start.
const KEY_NAME = '[\\x21-\\x2a\\x2c-\\x7e]{1,200}';
const PRIVATE_KEY = new RegExp(`^PRIVATE\\+KEY\\+(${KEY_NAME})\\+[0-9a-f]{8}\\+[A-Za-z0-9+/]{44}$`);
const VERIFIER_KEY = new RegExp(`^(${KEY_NAME})\\+[0-9a-f]{8}\\+[A-Za-z0-9+/]{44}$`);
const EVIDENCE_KEY_FILE = 'evidence-signing.key';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Source = Record<string, string | boolean | number | undefined>;

const SECRET_SETTINGS = new Set(['METRICS_TOKEN', 'EVIDENCE_SIGNING_KEYS']);

const BOOLEAN_WORDS: Record<string, boolean> = { true: true, '1': true, yes: true, false: false, '0': false, no: false };

/**
 * Build the configuration from environment variables, overridden by flags (already parsed, keyed
 * by setting name). Unknown environment variables are ignored; every known one is checked.
 */
export function loadConfig(env: Source = process.env, flags: Source = {}): Config {
  const properties = ConfigSchema.properties as Record<string, { type?: string; description?: string }>;
  const raw: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, schema] of Object.entries(properties)) {
    const value = flags[name] ?? env[name];
    if (value === undefined || value === '') continue;
    if (schema.type === 'boolean' && typeof value === 'string') {
      const parsed = BOOLEAN_WORDS[value.toLowerCase()];
      if (parsed === undefined) problems.push(`${name}: must be true or false (got "${value}")`);
      else raw[name] = parsed;
    } else if (schema.type === 'integer' && typeof value === 'string') {
      raw[name] = /^-?\d+$/.test(value.trim()) ? Number(value) : value;
    } else {
      raw[name] = value;
    }
  }
  const withDefaults = Value.Default(ConfigSchema, raw) as Record<string, unknown>;
  for (const error of Value.Errors(ConfigSchema, withDefaults)) {
    const name = error.instancePath.replace(/^\//, '') || String(error.params && Object.values(error.params)[0]);
    const description = properties[name]?.description;
    // A secret is never echoed into a log or a terminal, even when it is wrong.
    const got = SECRET_SETTINGS.has(name) ? undefined : withDefaults[name];
    problems.push(`${name}: ${error.message}${got === undefined ? '' : ` (got "${String(got)}")`}${description ? ` — ${description}` : ''}`);
  }
  if (problems.length > 0) throw new ConfigError([...new Set(problems)]);
  const base = withDefaults as Static<typeof ConfigSchema>;
  if (base.DATABASE_URL && base.MEMORY) {
    throw new ConfigError(['MEMORY: an in-memory run uses the embedded database; unset DATABASE_URL or drop --memory']);
  }
  const metricsAllow = base.METRICS_ALLOW.trim().toLowerCase() === 'none' ? [] : base.METRICS_ALLOW.split(/[\s,]+/).filter((e) => e !== '');
  const badNetworks = metricsAllow.filter((e) => !isCidr(e));
  if (badNetworks.length > 0) {
    throw new ConfigError([`METRICS_ALLOW: not an address or CIDR block: ${badNetworks.map((e) => `"${e}"`).join(', ')} (e.g. 10.0.0.0/8,::1/128, or none)`]);
  }
  const dataDir = resolve(base.DATA_DIR);
  const publicUrl = (base.PUBLIC_URL ?? `http://${base.HOST.includes(':') ? `[${base.HOST}]` : base.HOST}:${base.PORT}`).replace(/\/$/, '');
  const demo = base.DEMO ?? !base.DATABASE_URL;
  return {
    ...base,
    dataDir,
    publicUrl,
    metricsAllow,
    demo,
    evidence: evidenceSettings(base, { dataDir, publicUrl, demo }),
    database: base.DATABASE_URL
      ? { kind: 'postgres', url: base.DATABASE_URL }
      : { kind: 'pglite', dataDir: base.MEMORY ? null : resolve(dataDir, 'pglite') },
  };
}

function listOf(value: string | undefined): string[] {
  return (value ?? '').split(',').map((e) => e.trim()).filter((e) => e !== '');
}

function evidenceSettings(base: Static<typeof ConfigSchema>, derived: { dataDir: string; publicUrl: string; demo: boolean }): EvidenceSettings {
  const problems: string[] = [];
  const signingKeys = listOf(base.EVIDENCE_SIGNING_KEYS);
  const keyNames = new Set<string>();
  signingKeys.forEach((key, i) => {
    const name = PRIVATE_KEY.exec(key)?.[1];
    // The key itself is a secret: only its position is named.
    if (name === undefined) problems.push(`EVIDENCE_SIGNING_KEYS: key ${i + 1} is not a private key of the form PRIVATE+KEY+<name>+<8 hex digits>+<base64> (make one with \`onestop evidence keygen\`)`);
    else keyNames.add(name);
  });
  if (keyNames.size > 1) problems.push(`EVIDENCE_SIGNING_KEYS: every key must bear the log's one name; found ${[...keyNames].map((n) => `"${n}"`).join(', ')}`);
  const [keyName] = keyNames;
  if (keyName !== undefined && base.EVIDENCE_ORIGIN !== undefined && keyName !== base.EVIDENCE_ORIGIN) {
    problems.push(`EVIDENCE_SIGNING_KEYS: the keys are named "${keyName}", but EVIDENCE_ORIGIN is "${base.EVIDENCE_ORIGIN}": a checkpoint's signer is named after its log`);
  }
  const publishedKeys = listOf(base.EVIDENCE_PUBLISHED_KEYS);
  const badPublished = publishedKeys.filter((k) => !VERIFIER_KEY.test(k));
  if (badPublished.length > 0) problems.push(`EVIDENCE_PUBLISHED_KEYS: not a verifier key of the form <name>+<8 hex digits>+<base64>: ${badPublished.map((k) => `"${k}"`).join(', ')}`);
  const witness: EvidenceSettings['witness'] = [];
  for (const entry of listOf(base.EVIDENCE_WITNESS)) {
    const [url = '', verifierKey = '', ...rest] = entry.split('|').map((p) => p.trim());
    if (rest.length > 0 || !/^https?:\/\/[^/\s]+\S*$/.test(url) || !VERIFIER_KEY.test(verifierKey)) {
      problems.push(`EVIDENCE_WITNESS: "${entry}" is not <http(s) address of the platform>|<verifier key>`);
    } else {
      witness.push({ url: url.replace(/\/$/, ''), verifierKey });
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const keyStore: EvidenceKeyStore =
    signingKeys.length > 0
      ? { kind: 'configured' }
      : base.MEMORY
        ? { kind: 'memory' }
        : !base.DATABASE_URL || derived.demo
          ? { kind: 'file', path: resolve(derived.dataDir, EVIDENCE_KEY_FILE) }
          : { kind: 'missing' };
  const chosen = base.EVIDENCE_ORIGIN ?? keyName;
  return {
    origin: chosen ?? `${new URL(derived.publicUrl).host}/evidence`,
    originChosen: chosen !== undefined,
    signingKeys,
    keyStore,
    publishedKeys,
    checkpointIntervalMs: base.EVIDENCE_CHECKPOINT_INTERVAL_MS,
    witness,
    witnessIntervalSeconds: base.EVIDENCE_WITNESS_INTERVAL_S,
    witnessFullEvery: base.EVIDENCE_WITNESS_FULL_EVERY,
  };
}

/** The settings with their descriptions and defaults, for `--help`. */
export function describeSettings(): Array<{ name: string; description: string; default?: unknown }> {
  return Object.entries(ConfigSchema.properties as Record<string, { description?: string; default?: unknown }>).map(
    ([name, schema]) => ({ name, description: schema.description ?? '', default: schema.default }),
  );
}
