// The form builder in the staff console (§3.3, §3.4), one file per flow with its views in ../views/:
// a municipality's service editors list their forms, adopt a national template, add their own
// fields in marked local sections (上乗せ), build forms of their own, preview them as a resident sees
// them, publish versions and choose which form each service uses. Plain HTML forms, one edit per
// submit; no JavaScript. Thin handlers: read the form, call one use case, redirect or re-render with
// the error.
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../../platform/db/index.ts';
import { registerEditorPages } from './editor-pages.tsx';
import { registerListPages } from './list-pages.tsx';
import { registerPreviewPages } from './preview-pages.tsx';

export const formBuilderPages: FastifyPluginAsync<{ db: Db }> = async (app, deps) => {
  registerListPages(app, deps);
  registerEditorPages(app, deps);
  registerPreviewPages(app, deps);
};
