// Fixtures of the tenancy coverage test (src/tenancy-routes.test.ts): for each protected route
// with path parameters, how to make a resource of a given municipality and name it in the path.
// Keyed by "METHOD /route/:pattern", exactly as registered.
import type { Db } from './platform/db/index.ts';
import { apiClient, signedInStaff } from './modules/identity/testing.ts';
import { createService } from './modules/catalogue/index.ts';
import { adoptTemplate, createOwnForm, ensureNationalFormTemplates, findNationalTemplate } from './modules/forms/index.ts';
import { arrivedApplication } from './modules/applications/testing.ts';
import { createEntry, submitInquiry } from './modules/help/index.ts';

export interface Made {
  params: Record<string, string>;
  /** A valid body for the route, when it takes one. */
  body?: Record<string, unknown>;
}

export type Fixture = (db: Db, municipalityCode: string) => Promise<Made>;

export { API_CLIENT_SCOPES as ALL_SCOPES } from './modules/identity/index.ts';

const staffMember: Fixture = async (db, municipalityCode) => ({
  params: { id: (await signedInStaff(db, { municipalityCode, roles: ['viewer'] })).id },
});

const apiClientOf: Fixture = async (db, municipalityCode) => ({
  params: { id: (await apiClient(db, { municipalityCode })).id },
});

let serviceCounter = 0;

/** A draft service of the municipality, with a サービスID of its own. */
const serviceOf: Fixture = async (db, municipalityCode) => {
  const externalId = `tenancy-${++serviceCounter}-${Date.now()}`;
  const service = await createService({ db }, { kind: 'municipality', municipalityCode, label: 'tenancy-fixture' }, { input: { title: 'テナント分離の確認' }, externalId });
  return { params: { id: service.id, externalId } };
};
const serviceEdit: Fixture = async (db, m) => ({ ...(await serviceOf(db, m)), body: { title: '変更後', version: '1' } });
const servicePut: Fixture = async (db, m) => ({ ...(await serviceOf(db, m)), body: { title: '変更後', version: 1 } });
/** A service the national side pre-registered for the municipality, waiting to be adopted. */
const preRegistered: Fixture = async (db, municipalityCode) => {
  const service = await createService({ db }, { kind: 'national', label: 'tenancy-fixture' }, { input: { title: '事前登録' }, owner: { kind: 'municipality', municipalityCode } });
  return { params: { id: service.id } };
};

/** An application that has arrived at the municipality, with one attachment. */
const applicationOf: Fixture = async (db, municipalityCode) => {
  const made = await arrivedApplication({ db }, { municipalityCode });
  return { params: { id: made.applicationId, attachmentId: made.attachmentId } };
};

/** A municipality's own form (draft), for the form builder's routes. */
const formOf: Fixture = async (db, municipalityCode) => {
  const form = await createOwnForm({ db }, { kind: 'municipality', municipalityCode, label: 'tenancy-fixture' }, { title: { ja: 'テナント分離の確認', en: 'Tenancy check' } });
  return { params: { id: form.id } };
};
const formEdit: Fixture = async (db, m) => ({ ...(await formOf(db, m)), body: { op: 'add-section', stepId: 'main', titleJa: '追加', titleEn: 'Added' } });
/** A form adopted from a national template (the one a new template version reaches). */
const adoptedForm: Fixture = async (db, municipalityCode) => {
  await ensureNationalFormTemplates(db);
  const template = (await findNationalTemplate(db.kysely, 'child-allowance.certification'))!;
  const form = await adoptTemplate({ db }, { kind: 'municipality', municipalityCode, label: 'tenancy-fixture' }, { templateFormId: template.id });
  return { params: { id: form.id } };
};
const formLink: Fixture = async (db, m) => ({ ...(await formOf(db, m)), body: { serviceId: (await serviceOf(db, m)).params.id! } });

/** An operation inquiry to the municipality (from a visitor with a contact address). */
const inquiryOf: Fixture = async (db, municipalityCode) => {
  const sent = await submitInquiry({ db }, { residentId: null, inquiry: { topic: 'login', subject: 'テナント分離の確認', body: '確認です', email: 'tenancy@example.jp', municipalityCode } });
  return { params: { id: sent.id } };
};
const inquiryAssign: Fixture = async (db, m) => ({ ...(await inquiryOf(db, m)), body: { assignee: (await signedInStaff(db, { municipalityCode: m, roles: ['viewer'] })).id } });
const inquiryReply: Fixture = async (db, m) => ({ ...(await inquiryOf(db, m)), body: { body: '回答です' } });
/** A draft FAQ entry of the municipality's own. */
const ENTRY = { topic: 'other', questionJa: 'テナント分離の確認', answerJa: '確認です' };
const faqEntryOf: Fixture = async (db, municipalityCode) => {
  const entry = await createEntry({ db }, { kind: 'municipality', municipalityCode, label: 'tenancy-fixture' }, ENTRY);
  return { params: { id: entry.id } };
};
const faqEntryEdit: Fixture = async (db, m) => ({ ...(await faqEntryOf(db, m)), body: { ...ENTRY, answerJa: '変更後' } });

export const fixtures: Record<string, Fixture> = {
  'GET /api/v1/staff/help/inquiries/:id': inquiryOf,
  'POST /api/v1/staff/help/inquiries/:id/assign': inquiryAssign,
  'POST /api/v1/staff/help/inquiries/:id/reply': inquiryReply,
  'POST /api/v1/staff/help/inquiries/:id/close': inquiryOf,
  'GET /staff/help/inquiries/:id': inquiryOf,
  'POST /staff/help/inquiries/:id/assign': inquiryAssign,
  'POST /staff/help/inquiries/:id/reply': inquiryReply,
  'POST /staff/help/inquiries/:id/close': inquiryOf,
  'GET /admin/help/inquiries/:id': inquiryOf,
  'POST /admin/help/inquiries/:id/assign': inquiryAssign,
  'POST /admin/help/inquiries/:id/reply': inquiryReply,
  'POST /admin/help/inquiries/:id/close': inquiryOf,
  'GET /api/v1/staff/help/faq/:id': faqEntryOf,
  'PUT /api/v1/staff/help/faq/:id': faqEntryEdit,
  'POST /api/v1/staff/help/faq/:id/publish': faqEntryOf,
  'POST /api/v1/staff/help/faq/:id/unpublish': faqEntryOf,
  'GET /staff/help/faq/:id': faqEntryOf,
  'POST /staff/help/faq/:id': faqEntryEdit,
  'POST /staff/help/faq/:id/publish': faqEntryOf,
  'POST /staff/help/faq/:id/unpublish': faqEntryOf,
  'GET /admin/help/faq/:id': faqEntryOf,
  'POST /admin/help/faq/:id': faqEntryEdit,
  'POST /admin/help/faq/:id/publish': faqEntryOf,
  'POST /admin/help/faq/:id/unpublish': faqEntryOf,
  'GET /staff/forms/:id': formOf,
  'POST /staff/forms/:id/edit': formEdit,
  'POST /staff/forms/:id/publish': formOf,
  'POST /staff/forms/:id/link': formLink,
  'POST /staff/forms/:id/take-template': adoptedForm,
  'GET /staff/forms/:id/preview': formOf,
  'POST /staff/forms/:id/preview': formOf,
  'GET /staff/services/:id': serviceOf,
  'POST /staff/services/:id': serviceEdit,
  'GET /staff/services/:id/preview': serviceOf,
  'GET /staff/services/:id/history': serviceOf,
  'POST /staff/services/:id/publish': serviceOf,
  'POST /staff/services/:id/unpublish': serviceOf,
  'POST /staff/services/:id/adopt': preRegistered,
  'GET /staff/national/services/:id': serviceOf,
  'POST /staff/national/services/:id': serviceEdit,
  'GET /staff/national/services/:id/preview': serviceOf,
  'GET /staff/national/services/:id/history': serviceOf,
  'POST /staff/national/services/:id/publish': serviceOf,
  'POST /staff/national/services/:id/unpublish': serviceOf,
  'GET /api/v1/system/services/:id': serviceOf,
  'PUT /api/v1/system/services/:id': servicePut,
  'POST /api/v1/system/services/:id/publish': serviceOf,
  'POST /api/v1/system/services/:id/unpublish': serviceOf,
  // With a version the PUT only updates: another municipality's サービスID is not found, never created.
  'PUT /api/v1/system/services/by-external-id/:externalId': servicePut,
  'GET /staff/users/:id': staffMember,
  'POST /staff/users/:id/roles': async (db, m) => ({ ...(await staffMember(db, m)), body: { roles: ['viewer', 'notice_sender'] } }),
  'POST /staff/users/:id/password-reset': staffMember,
  'POST /staff/users/:id/disable': staffMember,
  'POST /staff/users/:id/enable': staffMember,
  'POST /staff/api-clients/:id/rotate': async (db, m) => ({ ...(await apiClientOf(db, m)), body: { overlapDays: '7' } }),
  'POST /staff/api-clients/:id/disable': apiClientOf,
  'GET /api/v1/staff/applications/:id': applicationOf,
  'GET /api/v1/staff/applications/:id/attachments/:attachmentId': applicationOf,
  'POST /api/v1/staff/applications/:id/status': async (db, m) => ({ ...(await applicationOf(db, m)), body: { status: 'received' } }),
};
