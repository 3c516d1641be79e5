// Builders for tests of the applications module (and the tenancy coverage test): a published
// service with a published form, a resident's test card on the platform's PKI, a signed or simple
// application that has arrived. Everything goes through the real use cases. And the receipt PDF's
// text and embedded files read back, for the tests of what it shows.
import { randomBytes } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { ApplyMethod, ServiceAttachment } from '../../platform/db/tables.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { createService } from '../catalogue/index.ts';
import { schemaOfLayout, type FormLayout } from '../forms/index.ts';
import {
  certificateRefOf,
  createDbTestPkiStore,
  createTestPkiLinks,
  issueTestCard,
  openTestCard,
  signWithTestCard,
  type BasicFourInput,
  type CertificateLinkService,
  type CertificateRef,
  type TestCard,
} from '../signatures/index.ts';
import type { ApplicationsDeps } from './deps.ts';
import { getSigningPayload } from './get-signing-payload.ts';
import { startDraft } from './start-draft.ts';
import { submitApplication } from './submit-application.ts';
import { uploadAttachment } from './upload-attachment.ts';

export const SIGNATURE_PIN = 'TEST1234';

/** A small form: one step, the applicant's name (required) and a note. */
export const TEST_LAYOUT: FormLayout = {
  steps: [
    {
      id: 'applicant',
      title: { ja: '申請者', en: 'Applicant' },
      sections: [
        {
          id: 'applicant',
          key: 'applicant',
          title: { ja: '申請者', en: 'Applicant' },
          items: [
            { id: 'name', label: { ja: '氏名', en: 'Name' }, widget: 'text', required: true, maxLength: 100 },
            { id: 'note', label: { ja: '備考', en: 'Note' }, widget: 'textarea', maxLength: 2000 },
          ],
        },
      ],
    },
  ],
};

export const VALID_DATA = { applicant: { name: '試験　花子' } };

export interface TestServiceOptions {
  municipalityCode?: string;
  title?: string;
  applyMethods?: ApplyMethod[];
  attachments?: ServiceAttachment[];
  procedureId?: string | null;
  layout?: FormLayout;
  lifeEvents?: string[];
}

/** A published live service of the municipality with a published form version linked to it. */
export async function publishedServiceWithForm(db: Db, options: TestServiceOptions = {}): Promise<{ serviceId: string; formVersionId: string }> {
  const municipalityCode = options.municipalityCode ?? '131130';
  const service = await createService(
    { db },
    { kind: 'municipality', municipalityCode, label: 'applications-test' },
    {
      input: {
        title: options.title ?? `テスト申請サービス ${randomBytes(3).toString('hex')}`,
        applyMethods: options.applyMethods ?? ['signed_online', 'simple_online'],
        attachments: options.attachments ?? [],
        ...(options.procedureId ? { procedureId: options.procedureId } : {}),
        ...(options.lifeEvents ? { lifeEvents: options.lifeEvents } : {}),
      },
      status: 'published',
    },
  );
  const layout = options.layout ?? TEST_LAYOUT;
  // The forms module has no builder for tests yet: its tables are written as its migration defines
  // them, each change with its history row in the same transaction (a trigger refuses it otherwise).
  const raw = db.kysely as unknown as Kysely<any>;
  const version = await raw.transaction().execute(async (trx) => {
    const form = await trx
      .insertInto('forms')
      .values({ municipality_code: municipalityCode, kind: 'own', title: 'テスト申請書', title_en: 'Test form', draft: JSON.stringify(layout) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const history = (change: string, details: Record<string, unknown> = {}) => ({
      form_id: form.id,
      municipality_code: municipalityCode,
      change,
      revision: 1,
      version: change === 'published' ? 1 : null,
      details: JSON.stringify(details),
      changed_by: 'applications-test',
    });
    await trx.insertInto('form_history').values([history('created'), history('published'), history('linked', { serviceId: service.id })]).execute();
    const version = await trx
      .insertInto('form_versions')
      .values({ form_id: form.id, municipality_code: municipalityCode, version: 1, title: 'テスト申請書', title_en: 'Test form', layout: JSON.stringify(layout), schema: JSON.stringify(schemaOfLayout(layout)) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('service_forms').values({ service_id: service.id, municipality_code: municipalityCode, form_id: form.id }).execute();
    return version;
  });
  return { serviceId: service.id, formVersionId: version.id as string };
}

/** A test My Number Card on the platform's own test PKI (the one the verifier trusts). */
export async function testCard(db: Db, resident: Partial<BasicFourInput> = {}): Promise<TestCard> {
  const store = createDbTestPkiStore(db);
  const issued = await issueTestCard({
    store,
    resident: { name: '試験　花子', sex: 'female', dateOfBirth: '1990-01-02', address: '東京都渋谷区宇田川町1番1号', ...resident },
    signaturePin: SIGNATURE_PIN,
    authenticationPin: '1234',
  });
  return openTestCard({ store, id: issued.id });
}

/** The test PKI's link service over the platform's database, as the app wires it (R17). */
export function testCertificateLinks(db: Db): CertificateLinkService {
  return createTestPkiLinks(createDbTestPkiStore(db));
}

/** The card's authentication certificate: what an account signed in with this card keeps (R17). */
export async function loginCertificateOf(card: TestCard): Promise<CertificateRef> {
  return certificateRefOf(await card.authentication.readCertificate());
}

/** A resident account opened by signing in with the card (no session): the card's signatures are its own. */
export async function residentWithCard(db: Db, card: TestCard, options: { municipalityCode?: string } = {}): Promise<string> {
  const login = await loginCertificateOf(card);
  const row = await db.kysely
    .insertInto('residents')
    .values({
      certificate_id: `test-${randomBytes(8).toString('hex')}`,
      home_municipality_code: options.municipalityCode ?? '131130',
      certificate_issuer: login.issuer,
      certificate_serial: login.serialNumber,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function signContent(card: TestCard, content: Uint8Array): Promise<Uint8Array> {
  return signWithTestCard({ card, content, pin: SIGNATURE_PIN });
}

/** A one-page PDF's first bytes: enough for the content check. */
export function pdfBytes(text = 'test'): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.7\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`);
}

export function pngBytes(seed = 0): Uint8Array {
  return new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, seed & 0xff]);
}

/** A job queue for use cases that must never enqueue (simple submissions): using it is a test failure. */
export const NO_JOBS: JobQueue = {
  start: async () => {},
  send: async () => {
    throw new Error('this use case was not expected to enqueue a job');
  },
  stats: async () => ({ queued: 0, active: 0, failed: 0, completed: 0 }),
  definitions: () => [],
  stop: async () => {},
};

/**
 * An application that has arrived at the municipality: a resident, a service with one attachment
 * (original required), a draft with it attached, submitted simply. For fixtures and staff tests.
 */
export async function arrivedApplication(
  deps: Pick<ApplicationsDeps, 'db'> & Partial<ApplicationsDeps>,
  options: { municipalityCode?: string; residentId?: string } = {},
): Promise<{ applicationId: string; attachmentId: string; residentId: string; reference: string }> {
  const { db } = deps;
  const residentId =
    options.residentId ??
    (
      await db.kysely
        .insertInto('residents')
        .values({ certificate_id: `test-${randomBytes(8).toString('hex')}`, home_municipality_code: options.municipalityCode ?? '131130' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const { serviceId } = await publishedServiceWithForm(db, {
    ...(options.municipalityCode ? { municipalityCode: options.municipalityCode } : {}),
    attachments: [{ name: '本人確認書類', required: true, originalRequired: true }],
  });
  const full: ApplicationsDeps = {
    jobs: NO_JOBS,
    verifier: { verify: () => Promise.reject(new Error('no signature expected')), close: async () => {} },
    certificateLinks: { lookUp: () => Promise.reject(new Error('no signature expected')) },
    ...deps,
  };
  const draft = await startDraft(full, { residentId, serviceId, data: VALID_DATA });
  await uploadAttachment(full, { residentId, draftId: draft.id, filename: 'id.pdf', requirement: '本人確認書類', bytes: pdfBytes(randomBytes(4).toString('hex')) });
  const { application } = await submitApplication(full, { residentId, draftId: draft.id, method: 'simple' });
  return { applicationId: application.id, attachmentId: application.attachments[0]!.id, residentId, reference: application.reference };
}

/** Signs a draft with the card and submits it, as the browser does. */
export async function submitSigned(deps: ApplicationsDeps, card: TestCard, residentId: string, draftId: string, idempotencyKey?: string) {
  const payload = await getSigningPayload(deps, { residentId, draftId });
  const signature = await signContent(card, payload.content);
  return submitApplication(deps, { residentId, draftId, method: 'signed', signature: { cms: signature }, ...(idempotencyKey ? { idempotencyKey } : {}) });
}

/**
 * The text a PDF shows, read back the way a viewer does: each font's ToUnicode map applied to the
 * glyph ids its text operators draw (pdfkit writes every glyph as a 2-byte id of its font subset).
 * Enough for the receipt PDF's tests, not a general PDF reader.
 */
export function pdfText(pdf: Uint8Array): string {
  const objects = pdfObjects(pdf);
  const toUnicode = (fontRef: string) => {
    const ref = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fontRef)?.dict ?? '')?.[1];
    const cmap = ref ? (objects.get(ref)?.stream?.toString('latin1') ?? '') : '';
    const map = new Map<number, string>();
    for (const range of cmap.matchAll(/<([0-9a-f]+)> <[0-9a-f]+> \[([^\]]*)\]/gi)) {
      let code = parseInt(range[1]!, 16);
      for (const u of range[2]!.matchAll(/<([0-9a-f\s]+)>/gi)) map.set(code++, Buffer.from(u[1]!.replace(/\s/g, ''), 'hex').swap16().toString('utf16le'));
    }
    return map;
  };
  const fonts = new Map<string, Map<number, string>>();
  for (const { dict } of objects.values()) {
    for (const f of dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) if (!fonts.has(f[1]!)) fonts.set(f[1]!, toUnicode(f[2]!));
  }
  let text = '';
  for (const { dict, stream } of objects.values()) {
    if (!stream || /\/Type \/EmbeddedFile|\/Length1|\/Subtype/.test(dict)) continue;
    let font: Map<number, string> | undefined;
    for (const op of stream.toString('latin1').matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ|<([0-9a-f]*)> Tj/gi)) {
      if (op[1]) {
        font = fonts.get(op[1]);
        continue;
      }
      const strings = op[2] !== undefined ? [...op[2].matchAll(/<([0-9a-f]*)>/gi)].map((h) => h[1]!) : [op[3]!];
      for (const hex of strings) for (let i = 0; i < hex.length; i += 4) text += font?.get(parseInt(hex.slice(i, i + 4), 16)) ?? '\ufffd';
      text += '\n';
    }
  }
  return text;
}

/** The files embedded in a PDF (its /EmbeddedFile streams), decompressed. */
export function pdfEmbeddedFiles(pdf: Uint8Array): Buffer[] {
  return [...pdfObjects(pdf).values()].filter((o) => o.stream && /\/Type \/EmbeddedFile/.test(o.dict)).map((o) => o.stream!);
}

function pdfObjects(pdf: Uint8Array): Map<string, { dict: string; stream: Buffer | null }> {
  // Walked object by object, stepping over each stream by its /Length: compressed bytes may hold
  // anything, "endobj" included.
  const raw = Buffer.from(pdf).toString('latin1');
  const objects = new Map<string, { dict: string; stream: Buffer | null }>();
  const header = /(\d+) 0 obj\s*/g;
  for (let m = header.exec(raw); m; m = header.exec(raw)) {
    const from = header.lastIndex;
    const end = raw.indexOf('endobj', from);
    const streamAt = raw.indexOf('stream\n', from);
    if (streamAt === -1 || streamAt > end) {
      objects.set(m[1]!, { dict: raw.slice(from, end), stream: null });
      header.lastIndex = end;
      continue;
    }
    const dict = raw.slice(from, streamAt);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
    const bytes = Buffer.from(raw.slice(streamAt + 'stream\n'.length, streamAt + 'stream\n'.length + length), 'latin1');
    objects.set(m[1]!, { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(bytes) : bytes });
    header.lastIndex = raw.indexOf('endobj', streamAt + length);
  }
  return objects;
}
