// The national form templates of the 15 focus procedures (PRODUCT.md §5), as data.
import type { FormLayout, LocalizedText } from '../definition.ts';
import { CHILD_ALLOWANCE_TEMPLATES } from './child-allowance.ts';
import { CHILDCARE_TEMPLATES } from './childcare.ts';
import type { NationalTemplate } from './common.ts';
import { MATERNAL_HEALTH_TEMPLATES, SINGLE_PARENT_TEMPLATES } from './single-parent-and-maternal.ts';

export type { NationalTemplate } from './common.ts';

export const NATIONAL_TEMPLATES: readonly NationalTemplate[] = [...CHILD_ALLOWANCE_TEMPLATES, ...CHILDCARE_TEMPLATES, ...SINGLE_PARENT_TEMPLATES, ...MATERNAL_HEALTH_TEMPLATES];

export function layoutOfTemplate(template: NationalTemplate): FormLayout {
  // A fresh copy: a template's objects are shared module state and must never be edited in place.
  return JSON.parse(JSON.stringify({ steps: template.steps })) as FormLayout;
}

export function templateTitle(template: NationalTemplate): LocalizedText {
  return template.title;
}
