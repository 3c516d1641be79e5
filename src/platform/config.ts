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
  ),
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
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Source = Record<string, string | boolean | number | undefined>;

const SECRET_SETTINGS = new Set(['METRICS_TOKEN']);

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
  return {
    ...base,
    dataDir,
    publicUrl,
    metricsAllow,
    demo: base.DEMO ?? !base.DATABASE_URL,
    database: base.DATABASE_URL
      ? { kind: 'postgres', url: base.DATABASE_URL }
      : { kind: 'pglite', dataDir: base.MEMORY ? null : resolve(dataDir, 'pglite') },
  };
}

/** The settings with their descriptions and defaults, for `--help`. */
export function describeSettings(): Array<{ name: string; description: string; default?: unknown }> {
  return Object.entries(ConfigSchema.properties as Record<string, { description?: string; default?: unknown }>).map(
    ([name, schema]) => ({ name, description: schema.description ?? '', default: schema.default }),
  );
}
