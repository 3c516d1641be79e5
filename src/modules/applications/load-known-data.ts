// What the account already knows, for prefilling a new draft (§3.4, issue 6 point 2: "data entered
// once and reused"): the shared answers (forms' `shared` keys: the applicant's name, kana, phone, …)
// of the resident's latest drafts and applications, newest first per key, read from those rows
// themselves — no separate profile table to keep in step — and the basic four items of the signature
// certificate of the latest signed application, taken only when nothing newer was entered (a newer
// answer may be a move or a new name). The login certificate carries no basic four items (JPKI's
// authentication certificate has none), so before a first signature there are none to use.
import type { Db } from '../../platform/db/index.ts';
import { mergeSharedAnswers, sharedAnswersOf, type KnownData } from '../forms/index.ts';
import { FORMS, type FormsPort } from './forms.ts';
import { findLatestSignerBasicFour, listRecentFormData } from './repository.ts';

/** How many earlier drafts and applications are read for answers. */
const RECENT = 5;

function basicFourOf(report: Record<string, unknown> | null): KnownData['basic4'] | undefined {
  if (!report || typeof report.name !== 'string') return undefined;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return { name: report.name, address: text(report.address), birthDate: text(report.dateOfBirth), sex: text(report.sex) };
}

export async function loadKnownData(deps: { db: Db; forms?: FormsPort }, residentId: string): Promise<KnownData> {
  const forms = deps.forms ?? FORMS;
  const rows = await listRecentFormData(deps.db.kysely, residentId, RECENT);
  const answers: Record<string, unknown>[] = [];
  for (const row of rows) {
    const version = await forms.loadFormVersion(deps.db, row.form_version_id);
    if (version) answers.push(sharedAnswersOf(version.definition.layout, row.data));
  }
  const shared = mergeSharedAnswers(...answers);
  const signer = await findLatestSignerBasicFour(deps.db.kysely, residentId);
  const basic4 = signer && (rows.length === 0 || signer.arrivedAt.getTime() >= rows[0]!.at.getTime()) ? basicFourOf(signer.basicFour) : undefined;
  const applicant = shared.applicant;
  return {
    shared,
    // The templates' `profile.*` sources (postal code, phone, email, occupation) are the applicant's shared answers.
    ...(applicant && typeof applicant === 'object' && !Array.isArray(applicant) ? { profile: applicant as Record<string, unknown> } : {}),
    ...(basic4 ? { basic4 } : {}),
  };
}
