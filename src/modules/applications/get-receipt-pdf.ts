// The resident's receipt as a PDF (docs/adr/0017-receipt-pdf.md): their own application only (404
// otherwise, like the receipt page), with the proof bundle inside once a checkpoint covers it.
import type { Db } from '../../platform/db/index.ts';
import { getMyArrivalBundle } from './arrival-evidence.ts';
import { applicationNotFound } from './errors.ts';
import { receiptsOf } from './present.ts';
import { renderReceiptPdf } from './receipt-pdf.ts';
import { findApplicationOfResident, findMunicipalityName } from './repository.ts';

export async function getMyReceiptPdf(
  deps: { db: Db },
  input: { residentId: string; applicationId: string; verifierKey: string },
): Promise<{ filename: string; bytes: Uint8Array }> {
  const db = deps.db.kysely;
  const row = await findApplicationOfResident(db, input.residentId, input.applicationId);
  if (!row) throw applicationNotFound();
  const [receipt] = await receiptsOf(db, [row]);
  const municipalityName = await findMunicipalityName(db, row.municipality_code);
  const bundle = receipt!.evidence?.bundleUrl ? (await getMyArrivalBundle(deps, input)).bundle : null;
  const bytes = await renderReceiptPdf({
    receipt: receipt!,
    municipalityName,
    bundle: bundle ? { filename: bundleFilename(row.reference), json: `${JSON.stringify(bundle, null, 2)}\n` } : null,
  });
  return { filename: `receipt-${row.reference}.pdf`, bytes };
}

export function bundleFilename(reference: string): string {
  return `evidence-${reference}.json`;
}
