// What a service allows, from the catalogue: whether it takes online applications, whether a simple
// (unsigned) one is allowed (R3: never for a My Number use procedure), which attachments it needs
// and which originals must be brought (R5), and the municipality that receives the application.
import type { Db } from '../../platform/db/index.ts';
import { getPublicService, todayInJapan } from '../catalogue/index.ts';
import { isAppError } from '../../platform/errors.ts';
import { municipalityUnknown, serviceNotAvailable } from './errors.ts';
import { residentHome } from './repository.ts';

export interface RequiredAttachment {
  name: string;
  required: boolean;
  originalRequired: boolean;
  note?: string;
}

export interface ServiceForApplication {
  id: string;
  title: string;
  /** The service's own municipality; null for national and prefectural services. */
  municipalityCode: string | null;
  acceptsSigned: boolean;
  acceptsSimple: boolean;
  myNumberProcedure: boolean;
  attachments: RequiredAttachment[];
}

export async function loadServiceForApplication(db: Db, serviceId: string): Promise<ServiceForApplication> {
  let service;
  try {
    service = await getPublicService({ db, today: todayInJapan() }, serviceId);
  } catch (error) {
    if (isAppError(error) && error.status === 404) throw serviceNotAvailable();
    throw error;
  }
  const methods = service.applyMethods;
  const online = methods.includes('signed_online') || methods.includes('simple_online');
  const myNumberProcedure = service.procedure?.myNumberProcedure ?? false;
  return {
    id: service.id,
    title: service.title,
    municipalityCode: service.municipality?.code ?? null,
    // A signature is never less than a simple application: any online service takes a signed one.
    acceptsSigned: online,
    acceptsSimple: methods.includes('simple_online') && !myNumberProcedure,
    myNumberProcedure,
    attachments: service.attachments,
  };
}

/** The municipality an application goes to: the service's, or for a national or prefectural service the resident's. */
export async function destinationOf(db: Db, service: ServiceForApplication, residentId: string): Promise<string> {
  const code = service.municipalityCode ?? (await residentHome(db.kysely, residentId));
  if (!code) throw municipalityUnknown();
  return code;
}

export interface AttachmentCheck {
  /** Required attachments of the service that nothing satisfies yet. */
  missing: string[];
  /** Originals to be submitted separately (R5): the resident is told, staff see a checklist. */
  originalsToBring: string[];
  requirements: Array<RequiredAttachment & { attachmentIds: string[] }>;
}

export function checkAttachments(service: ServiceForApplication, attachments: ReadonlyArray<{ id: string; requirement: string | null }>): AttachmentCheck {
  const requirements = service.attachments.map((r) => ({
    ...r,
    attachmentIds: attachments.filter((a) => a.requirement === r.name).map((a) => a.id),
  }));
  return {
    missing: requirements.filter((r) => r.required && r.attachmentIds.length === 0).map((r) => r.name),
    originalsToBring: requirements.filter((r) => r.originalRequired && (r.required || r.attachmentIds.length > 0)).map((r) => r.name),
    requirements,
  };
}
