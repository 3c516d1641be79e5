// The catalogue's fixed vocabularies: categories (制度), life events and ways to apply. Kept in
// code: they change with releases, not with data, and pages and the API share one definition.
import type { ApplyMethod } from '../../platform/db/tables.ts';
import type { Text } from '../../platform/i18n.ts';

export interface Term {
  id: string;
  label: Text;
}

export const CATEGORIES: readonly Term[] = [
  { id: 'child-allowance', label: { ja: '児童手当', en: 'Child allowance' } },
  { id: 'childcare', label: { ja: '保育', en: 'Childcare' } },
  { id: 'maternal-health', label: { ja: '母子保健', en: 'Maternal and child health' } },
  { id: 'single-parent', label: { ja: 'ひとり親支援', en: 'Single-parent support' } },
  { id: 'medical-subsidy', label: { ja: '医療費助成', en: 'Medical expense subsidies' } },
  { id: 'vaccination', label: { ja: '予防接種', en: 'Vaccination' } },
  { id: 'disability', label: { ja: '障害児支援', en: 'Support for children with disabilities' } },
  { id: 'education', label: { ja: '教育・就学', en: 'Education and schooling' } },
  { id: 'benefits', label: { ja: '給付・助成', en: 'Benefits and grants' } },
  { id: 'consultation', label: { ja: '相談・支援', en: 'Advice and support' } },
];

export const LIFE_EVENTS: readonly Term[] = [
  { id: 'pregnancy', label: { ja: '妊娠した', en: 'Expecting a baby' } },
  { id: 'birth', label: { ja: '子どもが生まれた', en: 'A child was born' } },
  { id: 'nursery', label: { ja: '保育園に入りたい', en: 'Looking for a nursery place' } },
  { id: 'school', label: { ja: '入学する', en: 'Starting school' } },
  { id: 'moving-in', label: { ja: '引っ越してきた', en: 'Moved here' } },
  { id: 'single-parent', label: { ja: 'ひとり親になった', en: 'Became a single parent' } },
  { id: 'illness-disability', label: { ja: '子どもの病気・障害', en: 'A child’s illness or disability' } },
];

export const APPLY_METHODS: ReadonlyArray<{ id: ApplyMethod; label: Text }> = [
  { id: 'signed_online', label: { ja: 'オンライン申請（電子署名）', en: 'Online with a signature' } },
  { id: 'simple_online', label: { ja: 'オンライン申請（簡易申請）', en: 'Online, simple' } },
  { id: 'print_and_post', label: { ja: '印刷して郵送', en: 'Print and post' } },
  { id: 'counter', label: { ja: '窓口', en: 'At the counter' } },
];

export const CATEGORY_IDS = CATEGORIES.map((c) => c.id);
export const LIFE_EVENT_IDS = LIFE_EVENTS.map((e) => e.id);
export const APPLY_METHOD_IDS = APPLY_METHODS.map((m) => m.id);

export function labelOf(terms: readonly Term[], id: string): Text {
  return terms.find((t) => t.id === id)?.label ?? { ja: id, en: id };
}
