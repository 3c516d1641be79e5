// What a service allows, from the catalogue: whether it takes online applications, whether a simple
// (unsigned) one is allowed (R3: never for a My Number use procedure), which attachments it needs
// and which originals must be brought (R5), and the municipality that receives the application.
import type { Db } from '../../platform/db/index.ts';
import { getPublicService, todayInJapan } from '../catalogue/index.ts';
import { isAppError } from '../../platform/errors.ts';
import { serviceNotAvailable } from './errors.ts';

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

/** The rules of a service as the catalogue keeps it (its row, or its public view). */
export function serviceForApplication(s: {
  id: string;
  title: string;
  municipality_code: string | null;
  apply_methods: readonly string[];
  attachments: readonly RequiredAttachment[];
  my_number_procedure: boolean | null;
}): ServiceForApplication {
  const methods = s.apply_methods;
  const online = methods.includes('signed_online') || methods.includes('simple_online');
  const myNumberProcedure = s.my_number_procedure ?? false;
  return {
    id: s.id,
    title: s.title,
    municipalityCode: s.municipality_code,
    // A signature is never less than a simple application: any online service takes a signed one.
    acceptsSigned: online,
    acceptsSimple: methods.includes('simple_online') && !myNumberProcedure,
    myNumberProcedure,
    attachments: s.attachments.map((a) => ({ name: a.name, required: a.required, originalRequired: a.originalRequired, ...(a.note ? { note: a.note } : {}) })),
  };
}

export async function loadServiceForApplication(db: Db, serviceId: string): Promise<ServiceForApplication> {
  let service;
  try {
    service = await getPublicService({ db, today: todayInJapan() }, serviceId);
  } catch (error) {
    if (isAppError(error) && error.status === 404) throw serviceNotAvailable();
    throw error;
  }
  return serviceForApplication({
    id: service.id,
    title: service.title,
    municipality_code: service.municipality?.code ?? null,
    apply_methods: service.applyMethods,
    attachments: service.attachments,
    my_number_procedure: service.procedure?.myNumberProcedure ?? false,
  });
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
