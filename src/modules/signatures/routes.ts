// HTTP face of the test PKI, so the demo, tests and other nodes can use it like a real one: CA
// certificates, CRLs and an OCSP responder; in the demo also the test cards themselves, so a browser
// page can stand in for a card reader (the JPKI app would sign the same DigestInfo).
import type { FastifyPluginAsync } from 'fastify';
import { publishTestCrl } from './publish-test-crl.ts';
import { answerTestOcsp } from './answer-test-ocsp.ts';
import { ensureTestAuthority } from './ensure-test-authority.ts';
import { openTestCard } from './open-test-card.ts';
import { toPem } from './encoding.ts';
import { badRequest } from './errors.ts';
import type { Purpose, TestPkiStore } from './test-pki-store.ts';

export interface TestPkiRoutesOptions {
  store: TestPkiStore;
  /** Serve /pki/test/cards/… (demo and tests only: they sign with the card's key on the server). */
  exposeTestCards?: boolean;
}

function purposeOf(value: string): Purpose {
  if (value === 'signature' || value === 'authentication') return value;
  throw badRequest('unknown_purpose', 'purpose must be signature or authentication', '用途は signature か authentication です');
}

export const testPkiRoutes: FastifyPluginAsync<TestPkiRoutesOptions> = async (app, { store, exposeTestCards }) => {
  // OCSP requests arrive as application/ocsp-request bodies (RFC 6960 Appendix A).
  app.addContentTypeParser('application/ocsp-request', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.get<{ Params: { purpose: string } }>('/pki/test/:purpose.pem', { schema: { hide: true } }, async (request, reply) => {
    const authority = await ensureTestAuthority({ store, purpose: purposeOf(request.params.purpose) });
    return reply.type('application/x-pem-file').send(toPem(authority.certificate));
  });

  app.get<{ Params: { purpose: string } }>('/pki/test/:purpose.crl', { schema: { hide: true } }, async (request, reply) => {
    const crl = await publishTestCrl({ store, purpose: purposeOf(request.params.purpose) });
    return reply.type('application/pkix-crl').header('cache-control', 'no-cache').send(Buffer.from(crl));
  });

  app.post<{ Params: { purpose: string }; Body: Buffer }>('/pki/test/:purpose/ocsp', { schema: { hide: true } }, async (request, reply) => {
    if (!Buffer.isBuffer(request.body)) throw badRequest('bad_ocsp_request', 'expected an application/ocsp-request body', 'OCSP要求の形式が正しくありません');
    const answer = await answerTestOcsp({ store, purpose: purposeOf(request.params.purpose), request: new Uint8Array(request.body) });
    return reply.type('application/ocsp-response').send(Buffer.from(answer));
  });

  if (!exposeTestCards) return;

  app.get<{ Params: { id: string; purpose: string } }>('/pki/test/cards/:id/:purpose/certificate', { schema: { hide: true } }, async (request) => {
    const card = await openTestCard({ store, id: request.params.id });
    const certificate = await card[purposeOf(request.params.purpose)].readCertificate();
    return { certificate: Buffer.from(certificate).toString('base64') };
  });

  app.post<{ Params: { id: string; purpose: string }; Body: { digestInfo?: unknown; pin?: unknown } }>(
    '/pki/test/cards/:id/:purpose/sign',
    { schema: { hide: true } },
    async (request) => {
      const { digestInfo, pin } = request.body ?? {};
      if (typeof digestInfo !== 'string' || typeof pin !== 'string') {
        throw badRequest('bad_sign_request', 'digestInfo (base64) and pin are required', '署名対象と暗証番号が必要です');
      }
      const card = await openTestCard({ store, id: request.params.id });
      const signature = await card[purposeOf(request.params.purpose)].sign(new Uint8Array(Buffer.from(digestInfo, 'base64')), pin);
      return { signature: Buffer.from(signature).toString('base64') };
    },
  );
};
