// The forms module (PRODUCT.md §3.4, §5; ADR 0013): form definitions as data (a layout of steps,
// sections and fields, and the JSON Schema derived from it), national templates for the 15 focus
// procedures, municipal adoption with a marked local section (上乗せ・独自利用事務), immutable
// published versions, rendering, and the form builder in the staff console.
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import { formBuilderPages } from './pages/index.ts';
import { formsApiRoutes } from './routes.ts';

// The contract other modules code against:
//   formVersionForService(db, serviceId): Promise<FormVersion | null>
//   loadFormVersion(db, formVersionId): Promise<FormVersion | null>
//   validateFormData(version, data, { stepId? }): FieldError[]   ([] when valid)
//   prefillFormData(version, { basic4?, profile?, shared? }): Record<string, unknown>
//   sharedFormVersion(versions) / sharedAnswersOf / applySharedAnswers / mergeSharedAnswers: shared answers (one-stop bundles)
export type { LocalizedText, FormDefinition, FormLayout, StepDef, SectionDef, FieldDef, GroupDef, ItemDef, Condition, Widget, FieldOption, JsonSchema } from './definition.ts';
export type { FieldError } from './validate.ts';
export type { KnownData } from './prefill.ts';
export { formVersionForService, loadFormVersion, validateFormData, checkFormData, prefillFormData, cleanFormData, draftVersionOf, type FormVersion } from './form-version.ts';
export { WIDGETS, placedItems, sectionPath } from './definition.ts';
export { SHARED_STEP_ID, sharedLayout, sharedFormVersion, sharedAnswersOf, applySharedAnswers, mergeSharedAnswers } from './shared.ts';
export { schemaOfLayout } from './schema.ts';
export type { FormsTables } from './tables.ts';
export { ensureNationalFormTemplates } from './ensure-templates.ts';
export { seedDemoForms } from './seed-demo-forms.ts';
export { adoptTemplate, createOwnForm, saveFormDraft, publishForm, linkServiceForm, takeNewestTemplate, withLocalSections, type FormWriter } from './save-form.ts';
export { parseFormPost, mergeStepData, toFormFields, parseAction, type GroupAction, type FormPostBody } from './form-post.ts';
export { FormStep, FormStepFields, FormErrorSummary, CheckAnswers, FieldView, fieldIdOf, type FormStepProps } from './views.tsx';
export { NATIONAL_TEMPLATES } from './templates/index.ts';
export { findNationalTemplate } from './repository.ts';

/** The module's routes: the form builder in the staff console and the public forms API. */
export const formsModule: FastifyPluginAsync<{ db: Db }> = async (app, deps) => {
  await app.register(formBuilderPages, deps);
  await app.register(formsApiRoutes, deps);
};
