// `onestop test-card …` and `onestop signature …`: issue and use test cards, sign with them, and
// verify any detached CMS signature with a printed (or JSON) validation report.
import { readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import type { Command, CommandContext } from '../../platform/cli/command.ts';
import { UsageError } from '../../platform/cli/command.ts';
import { loadConfig } from '../../platform/config.ts';
import { migrateDatabase, openConfiguredDatabase } from '../../platform/db/configured.ts';
import { createProgress } from '../../platform/progress.ts';
import { readCertificateInfo } from './certificate-info.ts';
import { encodeDigestInfo } from './digest-info.ts';
import { derOrPem, toPem } from './encoding.ts';
import { ensureTestAuthority } from './ensure-test-authority.ts';
import { issueTestCard } from './issue-test-card.ts';
import { openTestCard } from './open-test-card.ts';
import { publishTestCrl } from './publish-test-crl.ts';
import { createDbTestPkiStore } from './repository.ts';
import { revokeTestCertificate } from './revoke-test-certificate.ts';
import { signWithTestCard } from './sign-with-test-card.ts';
import type { Purpose, RevocationReason, TestPkiStore } from './test-pki-store.ts';
import { createTrustContext } from './trust-context.ts';
import { validateSignature } from './validate-signature.ts';
import { POLICY_OID, withCertificatePolicies, type ValidationPolicy } from './validation-policy.ts';
import type { ValidationReport } from './validation-report.ts';
import type { Sex } from './jpki-profile.ts';

export interface StoreHandle {
  store: TestPkiStore;
  publicUrl?: string;
  close(): Promise<void>;
}

/** The configured database (DATABASE_URL or the embedded one), migrated, as a test PKI store. */
async function openConfiguredStore(): Promise<StoreHandle> {
  const config = loadConfig();
  const quiet = createProgress(process.stderr, true);
  const db = await openConfiguredDatabase(config, quiet);
  await migrateDatabase(db, quiet);
  return { store: createDbTestPkiStore(db), publicUrl: config.publicUrl, close: () => db.close() };
}

const DEFAULT_SIGNATURE_PIN = 'TEST1234';
const DEFAULT_AUTHENTICATION_PIN = '1234';

function str(ctx: CommandContext, name: string, required = false): string | undefined {
  const value = ctx.values[name];
  if (typeof value === 'string' && value !== '') return value;
  if (required) throw new UsageError(`--${name} is required`);
  return undefined;
}

function list(ctx: CommandContext, name: string): string[] {
  const value = ctx.values[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : [];
}

function purposeOption(ctx: CommandContext, fallback: Purpose = 'signature'): Purpose {
  const value = str(ctx, 'purpose') ?? fallback;
  if (value !== 'signature' && value !== 'authentication') throw new UsageError('--purpose must be signature or authentication');
  return value;
}

const POLICY_USAGE = '--policy must be signature, authentication, any, or certificate policy OIDs separated by commas (e.g. 1.2.392.200149.8.5.1.1.20)';

/**
 * `--policy` of `signature verify` (issue #11 §14): `signature` or `authentication` is that JPKI
 * purpose with its policy OID (the purpose follows unless --purpose says otherwise, which is a
 * contradiction); `any` or a list of OIDs frees a verifier with their own trust anchors from the JPKI
 * OIDs. Without it, the JPKI signature policy as before.
 */
function verifyPolicyOption(ctx: CommandContext): { purpose: Purpose; policy?: Partial<ValidationPolicy> } {
  const value = str(ctx, 'policy');
  if (ctx.values.policy !== undefined && value === undefined) throw new UsageError(POLICY_USAGE);
  if (value === undefined) return { purpose: purposeOption(ctx) };
  if (value === 'signature' || value === 'authentication') {
    const purpose = purposeOption(ctx, value);
    if (purpose !== value) throw new UsageError(`--policy ${value} contradicts --purpose ${purpose}`);
    return { purpose };
  }
  const purpose = purposeOption(ctx);
  if (value === 'any') return { purpose, policy: withCertificatePolicies(purpose, 'any') };
  const oids = value.split(',').map((s) => s.trim());
  const bad = oids.filter((oid) => !POLICY_OID.test(oid));
  if (bad.length > 0) throw new UsageError(`${POLICY_USAGE}; not an OID: ${bad.map((b) => JSON.stringify(b)).join(', ')}`);
  return { purpose, policy: withCertificatePolicies(purpose, oids) };
}

function date(ctx: CommandContext, name: string): Date | undefined {
  const value = str(ctx, name);
  if (value === undefined) return undefined;
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) throw new UsageError(`--${name} must be an ISO time, e.g. 2026-11-21T09:00:00Z`);
  return parsed;
}

export function printReport(report: ValidationReport, out: NodeJS.WritableStream): void {
  out.write(`${report.indication}${report.subIndication ? ` / ${report.subIndication}` : ''}\n`);
  out.write(`  validation time: ${report.validationTime} (${report.purpose}, policy ${report.policy})\n`);
  if (report.signer) {
    out.write(`  signer: ${report.signer.subject}\n  issuer: ${report.signer.issuer}\n`);
    out.write(`  serial: ${report.signer.serialNumber}  sha256: ${report.signer.fingerprintSha256}\n`);
    out.write(`  valid: ${report.signer.notBefore} – ${report.signer.notAfter}\n`);
  }
  if (report.signedAttributes?.signingTime) out.write(`  signing time (claimed): ${report.signedAttributes.signingTime}\n`);
  for (const check of report.checks) {
    out.write(`  [${check.result === 'passed' ? ' ok ' : check.result === 'skipped' ? 'skip' : 'FAIL'}] ${check.id}${check.subIndication ? ` ${check.subIndication}` : ''}${check.detail ? `: ${check.detail}` : ''}\n`);
  }
  for (const r of report.revocation) {
    out.write(`  revocation: ${r.source} says ${r.status}${r.revokedAt ? ` since ${r.revokedAt} (${r.reason})` : ''}, thisUpdate ${r.thisUpdate}, nextUpdate ${r.nextUpdate ?? '-'}\n`);
  }
  if (report.basicFour) {
    const b = report.basicFour;
    out.write(`  basic four items: ${b.name} / ${b.sex} / ${b.dateOfBirth} / ${b.address}\n`);
  }
}

export function createSignatureCommands(deps: { openStore?: () => Promise<StoreHandle> } = {}): Command[] {
  const openStore = deps.openStore ?? openConfiguredStore;
  const withStore = async <T>(fn: (handle: StoreHandle) => Promise<T>): Promise<T> => {
    const handle = await openStore();
    try {
      return await fn(handle);
    } finally {
      await handle.close();
    }
  };
  const cardOptions = { card: { type: 'string', valueName: 'ID', description: 'test card id (see `onestop test-card list`)' } } as const;

  return [
    {
      name: 'test-card issue',
      summary: 'Issue a test My Number Card (keys and certificates from the test CAs)',
      options: {
        name: { type: 'string', description: 'name as on the residence record, e.g. "試験　花子"' },
        birth: { type: 'string', valueName: 'YYYY-MM-DD', description: 'date of birth' },
        address: { type: 'string', description: 'address' },
        sex: { type: 'string', valueName: 'male|female|unknown', description: 'sex' },
        'signature-pin': { type: 'string', valueName: 'PIN', description: `signature PIN, 6–16 upper-case letters and digits (default ${DEFAULT_SIGNATURE_PIN})` },
        'auth-pin': { type: 'string', valueName: 'PIN', description: `authentication PIN, 4 digits (default ${DEFAULT_AUTHENTICATION_PIN})` },
        id: { type: 'string', description: 'fixed card id (issuing again returns the same card)' },
      },
      async run(ctx) {
        const sex = str(ctx, 'sex', true)!;
        if (!['male', 'female', 'unknown'].includes(sex)) throw new UsageError('--sex must be male, female or unknown');
        const birth = str(ctx, 'birth', true)!;
        if (!/^\d{4}-\d{2}-\d{2}$/.test(birth)) throw new UsageError('--birth must be YYYY-MM-DD');
        const signaturePin = str(ctx, 'signature-pin') ?? DEFAULT_SIGNATURE_PIN;
        const authenticationPin = str(ctx, 'auth-pin') ?? DEFAULT_AUTHENTICATION_PIN;
        return withStore(async ({ store, publicUrl }) => {
          const id = str(ctx, 'id');
          const card = await issueTestCard({
            store,
            resident: { name: str(ctx, 'name', true)!, dateOfBirth: birth, address: str(ctx, 'address', true)!, sex: sex as Sex },
            signaturePin,
            authenticationPin,
            ...(id ? { id } : {}),
            ...(publicUrl ? { publicUrl } : {}),
          });
          const sig = readCertificateInfo(card.signatureCertificate);
          ctx.out.write(`${card.existed ? 'existing' : 'issued'} test card ${card.id}\n`);
          ctx.out.write(`  signature certificate ${sig.serial}, valid until ${sig.notAfter.toISOString()}\n`);
          ctx.out.write(`  authentication certificate ${readCertificateInfo(card.authenticationCertificate).serial}\n`);
          if (!card.existed) ctx.out.write(`  PINs: signature ${signaturePin}, authentication ${authenticationPin}\n`);
          return 0;
        });
      },
    },
    {
      name: 'test-card list',
      summary: 'List test cards with their certificates and PIN tries left',
      async run(ctx) {
        return withStore(async ({ store }) => {
          for (const card of await store.listCards()) {
            ctx.out.write(`${card.id}  signature ${card.signatureSerial} (tries ${card.signatureRetriesLeft})  authentication ${card.authenticationSerial} (tries ${card.authenticationRetriesLeft})\n`);
          }
          return 0;
        });
      },
    },
    {
      name: 'test-card sign',
      summary: 'Sign with a test card as a reader does: DigestInfo of SHA-256(FILE) with one key, after its PIN',
      args: 'FILE',
      options: {
        ...cardOptions,
        purpose: { type: 'string', valueName: 'signature|authentication', description: 'which key (default signature)' },
        pin: { type: 'string', description: 'the PIN of that key (default: the test defaults)' },
        out: { type: 'string', valueName: 'FILE', description: 'write the raw signature here (default: base64 to stdout)' },
      },
      async run(ctx) {
        const file = ctx.positionals[0];
        if (!file) throw new UsageError('FILE is required');
        const purpose = purposeOption(ctx);
        const data = await readFile(file);
        const digestInfo = encodeDigestInfo('sha256', new Uint8Array(createHash('sha256').update(data).digest()));
        return withStore(async ({ store }) => {
          const card = await openTestCard({ store, id: str(ctx, 'card', true)! });
          const pin = str(ctx, 'pin') ?? (purpose === 'signature' ? DEFAULT_SIGNATURE_PIN : DEFAULT_AUTHENTICATION_PIN);
          const signature = await card[purpose].sign(digestInfo, pin);
          const out = str(ctx, 'out');
          if (out) await writeFile(out, signature);
          else ctx.out.write(`${Buffer.from(signature).toString('base64')}\n`);
          return 0;
        });
      },
    },
    {
      name: 'test-card revoke',
      summary: "Revoke a test card's certificate (and republish the CRL)",
      options: {
        ...cardOptions,
        purpose: { type: 'string', valueName: 'signature|authentication', description: 'which certificate (default signature)' },
        reason: { type: 'string', valueName: 'REASON', description: 'keyCompromise, affiliationChanged, superseded or cessationOfOperation (default keyCompromise)' },
      },
      async run(ctx) {
        const purpose = purposeOption(ctx);
        const reason = (str(ctx, 'reason') ?? 'keyCompromise') as RevocationReason;
        if (!['keyCompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation'].includes(reason)) throw new UsageError('unknown --reason');
        return withStore(async ({ store }) => {
          const card = await store.findCard(str(ctx, 'card', true)!);
          if (!card) throw new UsageError('no such test card');
          const serial = purpose === 'signature' ? card.signatureSerial : card.authenticationSerial;
          const changed = await revokeTestCertificate({ store, purpose, serial, reason });
          ctx.out.write(changed ? `revoked ${purpose} certificate ${serial} (${reason})\n` : `${serial} was already revoked\n`);
          return 0;
        });
      },
    },
    {
      name: 'test-card ca',
      summary: 'Write the test CA certificate (PEM) and its current CRL (DER) of a purpose',
      options: {
        purpose: { type: 'string', valueName: 'signature|authentication', description: 'which CA (default signature)' },
        crl: { type: 'string', valueName: 'FILE', description: 'also write the current CRL here' },
      },
      async run(ctx) {
        const purpose = purposeOption(ctx);
        return withStore(async ({ store }) => {
          const authority = await ensureTestAuthority({ store, purpose });
          ctx.out.write(toPem(authority.certificate));
          const crlFile = str(ctx, 'crl');
          if (crlFile) await writeFile(crlFile, await publishTestCrl({ store, purpose }));
          return 0;
        });
      },
    },
    {
      name: 'signature sign',
      summary: 'Sign a file with a test card: detached CMS (CAdES-BES), DER, to --out or stdout',
      options: {
        content: { type: 'string', valueName: 'FILE', description: 'the exact bytes to sign' },
        ...cardOptions,
        pin: { type: 'string', description: `signature PIN (default ${DEFAULT_SIGNATURE_PIN})` },
        out: { type: 'string', valueName: 'FILE.p7s', description: 'where to write the signature (default stdout)' },
      },
      async run(ctx) {
        const content = new Uint8Array(await readFile(str(ctx, 'content', true)!));
        return withStore(async ({ store }) => {
          const card = await openTestCard({ store, id: str(ctx, 'card', true)! });
          const signature = await signWithTestCard({ card, content, pin: str(ctx, 'pin') ?? DEFAULT_SIGNATURE_PIN });
          const out = str(ctx, 'out');
          if (out) await writeFile(out, signature);
          else ctx.out.write(Buffer.from(signature));
          return 0;
        });
      },
    },
    {
      name: 'signature verify',
      summary: 'Validate a detached CMS signature; exits 0 only for TOTAL_PASSED',
      description: 'Prints the ETSI EN 319 102-1 style report: indication, sub-indication, every check, signer, revocation evidence.',
      options: {
        content: { type: 'string', valueName: 'FILE', description: 'the signed content' },
        signature: { type: 'string', valueName: 'FILE.p7s', description: 'the signature (DER, or PEM "CMS"/"PKCS7")' },
        trust: { type: 'string', multiple: true, valueName: 'FILE.pem', description: 'trust anchor(s) of the purpose (PEM or DER), repeatable' },
        crl: { type: 'string', multiple: true, valueName: 'FILE', description: 'CRL(s), DER or PEM, repeatable' },
        ocsp: { type: 'string', valueName: 'URL', description: 'OCSP responder for certificates without a usable CRL' },
        at: { type: 'string', valueName: 'ISO-TIME', description: 'validation time (default now)' },
        poe: { type: 'string', valueName: 'ISO-TIME', description: 'a trusted time the signature already existed (e.g. its recorded arrival)' },
        purpose: { type: 'string', valueName: 'signature|authentication', description: 'trust domain (default signature, or the one --policy names)' },
        policy: {
          type: 'string',
          valueName: 'signature|authentication|any|OID,…',
          description: 'certificate policies the signer must carry: a JPKI purpose (default signature), any, or your own CA\'s policy OIDs',
        },
        json: { type: 'boolean', description: 'print the report as JSON' },
      },
      async run(ctx) {
        const { purpose, policy } = verifyPolicyOption(ctx);
        const content = new Uint8Array(await readFile(str(ctx, 'content', true)!));
        const signatureFile = new Uint8Array(await readFile(str(ctx, 'signature', true)!));
        const trustFiles = list(ctx, 'trust');
        if (trustFiles.length === 0) throw new UsageError('at least one --trust FILE.pem is required');
        const anchors = (await Promise.all(trustFiles.map((f) => readFile(f)))).flatMap((b) => derOrPem(new Uint8Array(b)));
        const crls = (await Promise.all(list(ctx, 'crl').map((f) => readFile(f)))).flatMap((b) => derOrPem(new Uint8Array(b), 'X509 CRL'));
        const pemSignature = derOrPem(signatureFile, 'CMS');
        const signature = pemSignature[0] ?? derOrPem(signatureFile, 'PKCS7')[0] ?? signatureFile;
        const ocsp = str(ctx, 'ocsp');
        const at = date(ctx, 'at');
        const poe = date(ctx, 'poe');
        const context = createTrustContext({ purpose, trustAnchors: anchors, crls, ...(policy ? { policy } : {}), ...(ocsp ? { ocsp: { url: ocsp } } : {}) });
        const report = await validateSignature({ content, signature, context, ...(at ? { validationTime: at } : {}), proofOfExistence: poe ?? null });
        if (ctx.values.json === true) ctx.out.write(`${JSON.stringify(report, null, 2)}\n`);
        else printReport(report, ctx.out);
        return report.indication === 'TOTAL_PASSED' ? 0 : 1;
      },
    },
  ];
}

export const signatureCommands: Command[] = createSignatureCommands();
