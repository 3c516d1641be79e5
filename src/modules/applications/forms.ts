// What the applications module needs from the forms module, in one place: the form version of a
// service, an exact version by id, cleaning and validating data against it. Published versions
// never change, so they are kept in memory by id.
import type { Db } from '../../platform/db/index.ts';
import { checkFormData, cleanFormData, formVersionForService, loadFormVersion, validateFormData, type FieldError, type FormVersion } from '../forms/index.ts';

export type { FieldError, FormVersion };

export interface FormsPort {
  formVersionForService(db: Db, serviceId: string): Promise<FormVersion | null>;
  loadFormVersion(db: Db, formVersionId: string): Promise<FormVersion | null>;
  validateFormData(version: FormVersion, data: unknown, options?: { stepId?: string }): FieldError[];
  /** The data to keep and sign: hidden answers dropped. */
  cleanFormData(version: FormVersion, data: unknown): Record<string, unknown>;
  /** Both at once (cleaning once): the data to keep and its errors. */
  checkFormData(version: FormVersion, data: unknown): { data: Record<string, unknown>; errors: FieldError[] };
}

const versions = new WeakMap<Db, Map<string, FormVersion>>();

async function cachedFormVersion(db: Db, id: string): Promise<FormVersion | null> {
  let cache = versions.get(db);
  if (!cache) versions.set(db, (cache = new Map()));
  const hit = cache.get(id);
  if (hit) return hit;
  const version = await loadFormVersion(db, id);
  if (version) {
    if (cache.size > 1000) cache.clear();
    cache.set(id, version);
  }
  return version;
}

export const FORMS: FormsPort = { formVersionForService, loadFormVersion: cachedFormVersion, validateFormData, cleanFormData, checkFormData };
