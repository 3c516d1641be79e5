// The resident's application pages (PRODUCT.md §3.4, R1, R3–R5), one file per flow with its views in
// ../views/: from a service page, a multi-step form rendered on the server (works without
// JavaScript; drafts are kept on the server, so a resident can stop and go on from another device),
// attachments, check your answers, then submit — signed with the card (the one step that needs
// JavaScript: the browser asks the card to sign) or simple where the service allows it — and the
// receipt with the reference number and arrival time. My applications lists them with their status
// timeline, withdrawal and replies to requests. A life event's bundle has its own flows beside them.
import type { FastifyInstance } from 'fastify';
import { limitsOf, type ApplicationsDeps } from '../deps.ts';
import { acceptBinaryMultipart } from '../multipart.ts';
import { registerAttachmentPages } from './attachment-pages.tsx';
import { registerBundleCheckPages } from './bundle-check-pages.tsx';
import { registerBundleReceiptPages } from './bundle-receipt-pages.tsx';
import { registerBundleSharedPages } from './bundle-shared-pages.tsx';
import { registerBundleStartPages } from './bundle-start-pages.tsx';
import { registerCheckPages } from './check-pages.tsx';
import { registerReceiptPages } from './receipt-pages.tsx';
import { registerStartPages } from './start-pages.tsx';
import { registerStepPages } from './step-pages.tsx';

export function registerApplicationPages(app: FastifyInstance, deps: ApplicationsDeps): void {
  acceptBinaryMultipart(app, limitsOf(deps).maxBytes + 256 * 1024);
  registerStartPages(app, deps);
  registerStepPages(app, deps);
  registerAttachmentPages(app, deps);
  registerCheckPages(app, deps);
  registerReceiptPages(app, deps);
}

export function registerBundlePages(app: FastifyInstance, deps: ApplicationsDeps): void {
  registerBundleStartPages(app, deps);
  registerBundleSharedPages(app, deps);
  registerBundleCheckPages(app, deps);
  registerBundleReceiptPages(app, deps);
}
