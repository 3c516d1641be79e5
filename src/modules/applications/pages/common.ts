// What the resident's application pages share: who may open them, the form version of a draft, the
// demo's test cards, and the errors only the pages raise.
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import type { FormVersion } from '../../forms/index.ts';
import type { ResidentPrincipal } from '../../identity/index.ts';
import { createDbTestPkiStore } from '../../signatures/index.ts';
import { FORMS } from '../forms.ts';
import type { DraftView } from '../get-draft.ts';
import type { DemoCard } from '../views/sign-form.tsx';

export const resident = { auth: { resident: true, loginPage: '/login' } } as const;
export const hide = { hide: true } as const;

export function residentOf(request: FastifyRequest): string {
  return (request.principal as ResidentPrincipal).residentId;
}

/** The form version the draft was started on (the application keeps it too). */
export async function versionOf(db: Db, draft: DraftView): Promise<FormVersion> {
  const version = await FORMS.loadFormVersion(db, draft.formVersionId);
  if (!version) throw new AppError('applications.no_form', 'not_found', 'This service has no application form.', { ja: 'このサービスには申請書がありません。' });
  return version;
}

/**
/**
 * In the demo, the demo residents' test cards to sign with (`app.deps.demoCards`, given by app.ts:
 * modules import no demo data); elsewhere none (a real card needs the JPKI client). The card the
 * resident signed in with comes first (chosen): only its signature is theirs (R17); another card's
 * is refused.
 */
export async function loadDemoCards(db: Db, holders: readonly { cardId: string; name: string }[], request: FastifyRequest): Promise<DemoCard[] | null> {
  if (holders.length === 0) return null;
  const stored = new Map((await createDbTestPkiStore(db).listCards()).map((c) => [c.id, c]));
  const login = (request.principal as ResidentPrincipal).loginCertificate;
  const cards = holders.filter((r) => stored.has(r.cardId)).map((r) => ({ id: r.cardId, name: r.name, retriesLeft: stored.get(r.cardId)!.signatureRetriesLeft }));
  const own = (card: DemoCard) => (stored.get(card.id)!.authenticationSerial === login?.serialNumber ? 0 : 1);
  return cards.length > 0 ? cards.sort((a, b) => own(a) - own(b)) : null;
}

export function stepNotFound(): AppError {
  return new AppError('applications.step_not_found', 'not_found', 'This form has no such step.', { ja: 'この申請書にその手順はありません。' });
}

export function noFileChosen(): AppError {
  const message = { en: 'Choose a file to attach.', ja: '添付するファイルを選んでください。' };
  return new AppError('applications.no_file', 'bad_request', message.en, { ja: message.ja, fields: [{ field: 'file', rule: 'required', message }] });
}

export function signingNeedsScript(): AppError {
  return new AppError('applications.signing_needs_script', 'bad_request', 'Signing with the card needs JavaScript: turn it on and open this page again.', {
    ja: 'カードでの署名には JavaScript が必要です。有効にしてから、このページを開き直してください。',
  });
}
