// The help module (PRODUCT.md §3.10; seed 000 §2.5/§3.5 E-1 ハ 利用者対応): the FAQ — national
// entries shipped as reference data, municipalities' own, draft / publish / history, searched with
// the services search's Japanese normalisation — and operation inquiries: sent by residents (signed
// in or with a contact address) to a municipality or the national helpdesk, assigned, answered and
// closed by its staff, timed for the national side, and erased after the retention period.
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import { registerHelpPages } from './pages/index.ts';
import { helpApiRoutes } from './routes.ts';

export const helpModule: FastifyPluginAsync<{ db: Db }> = async (app, deps) => {
  await app.register(helpApiRoutes, deps);
  registerHelpPages(app, deps);
};

export type { HelpTables } from './tables.ts';
export { ensureNationalFaq, searchFaq, getPublicEntry, createEntry, updateEntry, setEntryPublished, listEntriesForEditor, getEntryForEditor, type FaqEditor, type PublicEntry } from './faq.ts';
export { submitInquiry, listMyInquiries, getMyInquiry, listDeskQueue, getDeskInquiry, assignInquiry, replyToInquiry, closeInquiry, type Desk, type DeskActor } from './inquiries.ts';
export { responseTimeReport } from './response-times.ts';
export { eraseInquiriesJob, eraseExpiredInquiries, ERASE_INQUIRIES_JOB_NAME } from './jobs/erase-inquiries.ts';
export { NATIONAL_FAQ, FAQ_SLUGS, TOPICS } from './national-faq.ts';
