// Demo accounts of identity: one API client per demo municipality (fixed id and secret, so the
// banner can print them — demo only, never in production), and accounts for the demo residents'
// test cards, linked to their home municipality (which gives each an agency-specific code there).
// Idempotent: seeding twice changes nothing.
import { createHash } from 'node:crypto';
import type { Db } from '../platform/db/index.ts';
import { API_CLIENT_SCOPES, apiClientExists, ensureNationalAgencyCodes, findOrCreateResident, insertApiClient, setHomeMunicipality, type LoginCertificate } from '../modules/identity/index.ts';
import {
  createDbTestPkiStore,
  createMemoryLoginChallengeStore,
  createTrustContext,
  ensureTestAuthority,
  issueLoginChallenge,
  openTestCard,
  publishTestCrl,
  verifyLoginResponse,
} from '../modules/signatures/index.ts';
import { DEMO_MUNICIPALITIES, DEMO_RESIDENTS, type DemoLogin } from './demo-data.ts';

const CLIENT_IDS: Record<string, string> = { '131130': 'oc_demo_shibuya', '131121': 'oc_demo_setagaya', '141003': 'oc_demo_yokohama' };

/** The demo secret of a municipality's client: fixed, and shaped like a real one. */
export function demoApiClientSecret(municipalityCode: string): string {
  return `ocs_${createHash('sha256').update(`onestop-demo-api-client:${municipalityCode}`).digest('base64url')}`;
}

export async function seedDemoApiClients(db: Db): Promise<DemoLogin[]> {
  const logins: DemoLogin[] = [];
  for (const m of DEMO_MUNICIPALITIES) {
    const clientId = CLIENT_IDS[m.code] ?? `oc_demo_${m.code}`;
    const secret = demoApiClientSecret(m.code);
    if (!(await apiClientExists(db.kysely, clientId))) {
      await insertApiClient(db.kysely, {
        municipalityCode: m.code,
        name: `${m.name} 基幹システム（デモ）`,
        clientId,
        scopes: [...API_CLIENT_SCOPES],
        secretHash: createHash('sha256').update(secret).digest('hex'),
        hint: secret.slice(-4),
      });
    }
    logins.push({ who: `${m.name} existing system (API client)`, where: 'HTTP Basic, /api/v1/…', login: clientId, secret });
  }
  return logins;
}

/** The login certificate a card login gives: obtained by signing in with the card, exactly as a login does. */
async function loginCertificateOfCard(db: Db, cardId: string, pin: string): Promise<LoginCertificate> {
  const store = createDbTestPkiStore(db);
  const [authority, crl] = await Promise.all([ensureTestAuthority({ store, purpose: 'authentication' }), publishTestCrl({ store, purpose: 'authentication' })]);
  const context = createTrustContext({ purpose: 'authentication', trustAnchors: [authority.certificate], crls: [crl] });
  const challenges = createMemoryLoginChallengeStore();
  const audience = 'onestop-demo-seed';
  const challenge = await issueLoginChallenge({ store: challenges, audience });
  const card = await openTestCard({ store, id: cardId });
  const signature = await card.authentication.sign(challenge.digestInfo, pin);
  const certificate = await card.authentication.readCertificate();
  const result = await verifyLoginResponse({ store: challenges, context, audience, nonce: challenge.nonce, certificate, signature });
  const { certificateId, issuer, serialNumber } = result.identity;
  return { certificateId, issuer, serialNumber };
}

export interface LinkedDemoResident {
  cardId: string;
  residentId: string;
  municipalityCode: string;
}

/** Accounts for the demo residents' test cards (issued by seedDemo first), each linked to their home. */
export async function linkDemoResidents(db: Db): Promise<LinkedDemoResident[]> {
  const linked: LinkedDemoResident[] = [];
  for (const r of DEMO_RESIDENTS) {
    const { id, created } = await findOrCreateResident(db.kysely, await loginCertificateOfCard(db, r.cardId, r.authenticationPin));
    await ensureNationalAgencyCodes(db.kysely, id);
    if (created)
      await setHomeMunicipality({ db }, null, {
      principal: { kind: 'resident', residentId: id, sessionId: '', homeMunicipalityCode: null },
      municipalityCode: r.municipalityCode,
    });
    linked.push({ cardId: r.cardId, residentId: id, municipalityCode: r.municipalityCode });
  }
  return linked;
}
