// Real 制度 records for the demo (data/civichat/, MIT, from Civichat/civichat-chatbot) in the open
// 制度 layout (CPSV-J-compatible). The catalogue's import maps the layout; the layout has no life
// events and few categories, so those are inferred here from the words of the title, summary and
// eligibility, as a member of staff would tag them after importing.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ServiceInput } from '../modules/catalogue/index.ts';

export interface OpenSystemRecord {
  サービスID: string;
  制度所管組織: string | null;
  'タイトル（制度名）': string;
  概要: string | null;
  支援内容: string | null;
  対象者: string | null;
  '利用•申請方法': string | null;
  受付開始日: string | null;
  受付終了日: string | null;
  詳細参照先: string | null;
  お問い合わせ先: string | null;
  'タグ（テーマ）': string | null;
  [field: string]: unknown;
}

export async function readCivichatRecords(file: 'japan-systems.json' | 'shibuya-parenting-systems.json'): Promise<OpenSystemRecord[]> {
  const path = fileURLToPath(new URL(`./data/civichat/${file}`, import.meta.url));
  const data = JSON.parse(await readFile(path, 'utf8')) as { systemsData: OpenSystemRecord[] };
  return data.systemsData;
}

type Category = NonNullable<ServiceInput['categories']>[number];
type LifeEvent = NonNullable<ServiceInput['lifeEvents']>[number];

const CATEGORY_WORDS: Array<[RegExp, Category]> = [
  [/児童手当/, 'child-allowance'],
  [/保育|一時預かり|子どもショートステイ|赤ちゃんショートステイ|ベビーシッター|幼稚園|子育て短期支援/, 'childcare'],
  [/妊娠|妊婦|出産|産後|産前|母乳|新生児|未熟児|助産|子育て世代包括/, 'maternal-health'],
  [/ひとり親|母子|父子|児童扶養手当|寡婦/, 'single-parent'],
  [/医療費|療養費|医療制度|養育医療/, 'medical-subsidy'],
  [/予防接種|ワクチン/, 'vaccination'],
  [/障害児|特別児童扶養|障害手当|小児慢性|補装具/, 'disability'],
  // 就学前 (before school age) is about small children, not schooling.
  [/就学(?!前)|奨学|修学|学習|入学|高等学校|教育/, 'education'],
  [/手当|給付|助成|補助|一時金/, 'benefits'],
  [/相談|センター|訪問|SOS|でんわ/, 'consultation'],
];

const LIFE_EVENT_WORDS: Array<[RegExp, LifeEvent]> = [
  [/妊娠|妊婦|出産育児一時金|入院助産|産前|にんしん/, 'pregnancy'],
  [/出産|産後|新生児|未熟児|乳幼児|児童手当|子ども医療|育児休業|母乳|赤ちゃん/, 'birth'],
  [/保育|一時預かり|幼稚園|ファミリー・サポート|ベビーシッター/, 'nursery'],
  [/就学(?!前)|入学|学習|修学|奨学|高等学校/, 'school'],
  [/ひとり親|母子|父子|児童扶養手当|寡婦/, 'single-parent'],
  [/障害児|特別児童扶養|障害手当|小児慢性|病児|病後児|補装具/, 'illness-disability'],
];

// Records about childcare need at least one of these words to be tagged with a life event at all:
// the national file also holds employment, long-term care and disaster schemes.
const CHILD_RELATED = /子|児|妊|産|保育|母|父|ひとり親|育児|幼|学|家庭/;

const BENEFIT_TITLES: Array<[RegExp, string]> = [
  [/^児童手当$/, 'child-allowance'],
  [/^児童扶養手当$/, 'child-rearing-allowance'],
  [/^特別児童扶養手当$/, 'special-child-rearing-allowance'],
  [/^障害児福祉手当$/, 'disabled-child-welfare-allowance'],
  [/^児童育成手当$/, 'tokyo-child-upbringing-allowance'],
  [/^児童育成手当（障害手当）$/, 'tokyo-child-disability-allowance'],
];

/**
 * What the open layout cannot say: the categories, life events and benefit estimates of a record,
 * inferred from its words. The import maps the layout's own columns (maintenance/import-services).
 */
export function inferTerms(record: OpenSystemRecord): Pick<ServiceInput, 'categories' | 'lifeEvents' | 'benefitIds'> {
  const title = (record['タイトル（制度名）'] ?? '').trim();
  const words = `${title} ${record.概要 ?? ''} ${record.対象者 ?? ''}`;
  const childRelated = CHILD_RELATED.test(words);
  return {
    categories: [...new Set(CATEGORY_WORDS.filter(([re]) => re.test(words)).map(([, id]) => id))],
    lifeEvents: childRelated ? [...new Set(LIFE_EVENT_WORDS.filter(([re]) => re.test(words)).map(([, id]) => id))] : [],
    benefitIds: BENEFIT_TITLES.filter(([re]) => re.test(title)).map(([, id]) => id),
  };
}
