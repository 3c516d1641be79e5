// Building blocks of the national templates: the parts the paper forms of the focus procedures
// share (請求者・届出者, 配偶者, 児童, 振込先口座, 誓約). Field names are the same in every template, so an
// existing system reads `applicant.kana` or `account.bankName` the same way whatever the procedure.
import type { Condition, FieldDef, FieldOption, GroupDef, ItemDef, LocalizedText, SectionDef, StepDef, Widget } from '../definition.ts';

export interface NationalTemplate {
  procedureId: string;
  title: LocalizedText;
  steps: StepDef[];
}

export function t(ja: string, en: string): LocalizedText {
  return { ja, en };
}

export function field(id: string, label: LocalizedText, widget: Widget, extra: Partial<FieldDef> = {}): FieldDef {
  return { id, label, widget, ...extra };
}

export function options(...pairs: [string, string, string][]): FieldOption[] {
  return pairs.map(([value, ja, en]) => ({ value, label: { ja, en } }));
}

export function section(id: string, title: LocalizedText, items: ItemDef[], extra: Partial<SectionDef> = {}): SectionDef {
  return { id, title, items, ...extra };
}

export function step(id: string, title: LocalizedText, sections: SectionDef[]): StepDef {
  return { id, title, sections };
}

export const KANA_PATTERN = '^[ァ-ヶー・　 ]+$';
const KANA_HINT = t('全角カタカナで入力してください', 'use katakana');

export const SEX = options(['male', '男', 'Male'], ['female', '女', 'Female']);

export const RELATIONSHIP = options(
  ['child', '子', 'Child'],
  ['grandchild', '孫', 'Grandchild'],
  ['sibling', '弟・妹', 'Younger sibling'],
  ['stepchild', '配偶者の子', 'Spouse’s child'],
  ['foster', '養子', 'Adopted child'],
  ['other', 'その他', 'Other'],
);

export const PENSION = options(
  ['kosei', '厚生年金保険（会社員など）', 'Employees’ Pension Insurance (company employees)'],
  ['kosei-public', '厚生年金保険（公務員・私学教職員など）', 'Employees’ Pension Insurance (public servants, private school staff)'],
  ['national', '国民年金（自営業・無職など）', 'National Pension (self-employed, not working)'],
  ['none', '加入していない', 'Not enrolled'],
);

/** Its `shared` key (shared.ts): `applicant.name` for the applicant, `name` within a shared row. */
function sharedKey(prefix: string | undefined, id: string): Partial<FieldDef> {
  if (prefix === undefined) return {};
  return { shared: prefix ? `${prefix}.${id}` : id };
}

/** `shared`: the prefix of the fields' shared keys ('' for the fields of a shared row); none when not shared. */
export function nameFields(prefill: boolean, shared?: string): FieldDef[] {
  return [
    field('name', t('氏名', 'Full name'), 'text', { required: true, maxLength: 60, autocomplete: 'name', ...(prefill ? { prefill: 'basic4.name' } : {}), ...sharedKey(shared, 'name') }),
    field('kana', t('フリガナ', 'Name in katakana'), 'text', { required: true, maxLength: 60, pattern: KANA_PATTERN, patternHint: KANA_HINT, ...sharedKey(shared, 'kana') }),
  ];
}

/**
 * 請求者・申請者・届出者: the resident who signs, prefilled from the certificate's basic four items.
 * Its fields are shared (`applicant.*`): asked once for a bundle, reused by later drafts.
 */
export function applicantSection(title: LocalizedText, options_: { occupation?: boolean; pension?: boolean; relationship?: boolean } = {}): SectionDef {
  const a = (id: string) => sharedKey('applicant', id);
  const items: FieldDef[] = [
    ...nameFields(true, 'applicant'),
    field('birthDate', t('生年月日', 'Date of birth'), 'date', { required: true, prefill: 'basic4.birthDate', autocomplete: 'bday', ...a('birthDate') }),
    field('sex', t('性別', 'Sex'), 'radio', { options: SEX, prefill: 'basic4.sex', ...a('sex') }),
    field('postalCode', t('郵便番号', 'Postal code'), 'postal-code', { required: true, prefill: 'profile.postalCode', autocomplete: 'postal-code', ...a('postalCode') }),
    field('address', t('住所', 'Address'), 'text', { required: true, maxLength: 200, prefill: 'basic4.address', help: t('住民票に記載の住所を入力してください。', 'As on your residence record.'), ...a('address') }),
    field('phone', t('電話番号', 'Phone number'), 'tel', { required: true, prefill: 'profile.phone', autocomplete: 'tel', help: t('日中に連絡がとれる番号', 'A number we can reach you on in the daytime'), ...a('phone') }),
    field('email', t('メールアドレス', 'Email address'), 'email', { prefill: 'profile.email', autocomplete: 'email', ...a('email') }),
  ];
  if (options_.occupation) items.push(field('occupation', t('職業', 'Occupation'), 'text', { required: true, maxLength: 60, prefill: 'profile.occupation', ...a('occupation') }));
  if (options_.pension) {
    items.push(
      field('pension', t('加入している年金制度', 'Pension scheme you belong to'), 'radio', { required: true, options: PENSION }),
      field('employer', t('勤務先の名称', 'Employer'), 'text', { maxLength: 100, when: { field: 'applicant.pension', in: ['kosei', 'kosei-public'] }, required: true }),
    );
  }
  if (options_.relationship) {
    items.push(
      field('relationshipToChildren', t('児童との関係', 'Your relationship to the children'), 'select', {
        required: true,
        options: options(['father', '父', 'Father'], ['mother', '母', 'Mother'], ['guardian', '養育者・未成年後見人', 'Carer or guardian'], ['other', 'その他', 'Other']),
        ...a('relationshipToChildren'),
      }),
    );
  }
  return section('applicant', title, items, { key: 'applicant' });
}

/** 配偶者: asked first whether there is one; the section shows only then. */
export function spouseSections(): SectionDef[] {
  return [
    section('household', t('配偶者の有無', 'Spouse'), [field('hasSpouse', t('配偶者（事実上婚姻関係と同様の事情にある方を含む）がいますか', 'Do you have a spouse (including a de facto partner)?'), 'yes-no', { required: true })], { key: 'household' }),
    section(
      'spouse',
      t('配偶者', 'Spouse'),
      [
        ...nameFields(false),
        field('birthDate', t('生年月日', 'Date of birth'), 'date', { required: true }),
        field('livesTogether', t('同居していますか', 'Do you live together?'), 'yes-no', { required: true }),
        field('address', t('別居先の住所', 'Address of the spouse'), 'text', { required: true, maxLength: 200, when: { field: 'spouse.livesTogether', equals: false } }),
        field('occupation', t('職業', 'Occupation'), 'text', { maxLength: 60 }),
      ],
      { key: 'spouse', when: { field: 'household.hasSpouse', equals: true } },
    ),
  ];
}

/** 児童 rows: each child the claim is for. The default group (`children`) shares each child's name, kana, birth date and sex. */
export function childrenGroup(options_: { id?: string; label?: LocalizedText; extra?: FieldDef[]; livingApart?: boolean; minItems?: number } = {}): GroupDef {
  const shared = options_.id === undefined ? '' : undefined;
  const fields: FieldDef[] = [
    ...nameFields(false, shared),
    field('birthDate', t('生年月日', 'Date of birth'), 'date', { required: true, ...sharedKey(shared, 'birthDate') }),
    field('sex', t('性別', 'Sex'), 'radio', { options: SEX, ...sharedKey(shared, 'sex') }),
    field('relationship', t('続柄', 'Relationship to you'), 'select', { required: true, options: RELATIONSHIP }),
  ];
  if (options_.livingApart !== false) {
    fields.push(
      field('livingArrangement', t('同居・別居', 'Lives with you?'), 'radio', { required: true, options: options(['together', '同居', 'Lives with me'], ['apart', '別居', 'Lives apart']) }),
      field('address', t('別居している児童の住所', 'Address of the child'), 'text', { required: true, maxLength: 200, when: { field: 'livingArrangement', equals: 'apart' } }),
      field('apartReason', t('別居の理由', 'Why the child lives apart'), 'select', {
        required: true,
        when: { field: 'livingArrangement', equals: 'apart' },
        options: options(['school', '就学のため', 'School'], ['work', '請求者の単身赴任のため', 'Your job posting'], ['other', 'その他', 'Other']),
      }),
    );
  }
  fields.push(...(options_.extra ?? []));
  return {
    kind: 'group',
    id: options_.id ?? 'children',
    label: options_.label ?? t('児童', 'Children'),
    itemLabel: t('児童', 'Child'),
    minItems: options_.minItems ?? 1,
    maxItems: 15,
    ...(shared !== undefined ? { shared: 'children' } : {}),
    fields,
  };
}

export function childrenSection(title: LocalizedText = t('対象となる児童', 'The children'), group: GroupDef = childrenGroup()): SectionDef {
  return section('children', title, [group], { help: t('「児童を追加」で行を増やせます。', 'Use “Add a child” for each further child.') });
}

const ACCOUNT_IS_OTHER: Condition = { field: 'account.kind', equals: 'other' };

/** 振込先口座: the 公金受取口座 registered with the portal, or another account in the claimant's name. */
export function accountSection(): SectionDef {
  return section(
    'account',
    t('振込先口座', 'Bank account for payments'),
    [
      field('kind', t('振込先', 'Pay into'), 'radio', {
        required: true,
        options: options(['public', '公金受取口座（マイナポータルに登録した口座）', 'The public-benefit account registered with the portal'], ['other', 'その他の口座', 'Another account']),
        help: t('公金受取口座を選ぶと、口座の確認書類は不要です。', 'With the public-benefit account, no proof of the account is needed.'),
      }),
      field('bankName', t('金融機関名', 'Bank'), 'text', { required: true, maxLength: 60, when: ACCOUNT_IS_OTHER }),
      field('bankCode', t('金融機関コード', 'Bank code'), 'text', { maxLength: 4, pattern: '^[0-9]{4}$', patternHint: t('半角数字4桁で入力してください', 'use 4 digits'), when: ACCOUNT_IS_OTHER }),
      field('branchName', t('支店名', 'Branch'), 'text', { required: true, maxLength: 60, when: ACCOUNT_IS_OTHER }),
      field('branchCode', t('支店コード', 'Branch code'), 'text', { maxLength: 3, pattern: '^[0-9]{3}$', patternHint: t('半角数字3桁で入力してください', 'use 3 digits'), when: ACCOUNT_IS_OTHER }),
      field('accountType', t('預金種別', 'Account type'), 'radio', { required: true, options: options(['ordinary', '普通', 'Ordinary'], ['current', '当座', 'Current']), when: ACCOUNT_IS_OTHER }),
      field('accountNumber', t('口座番号', 'Account number'), 'text', { required: true, maxLength: 8, pattern: '^[0-9]{7,8}$', patternHint: t('半角数字7桁で入力してください（ゆうちょ銀行は記号番号を振込用の店名・口座番号に読み替えてください）', 'use 7 digits'), when: ACCOUNT_IS_OTHER }),
      field('holderKana', t('口座名義（カナ）', 'Account holder (katakana)'), 'text', { required: true, maxLength: 60, pattern: KANA_PATTERN, patternHint: KANA_HINT, when: ACCOUNT_IS_OTHER, help: t('請求者本人名義の口座に限ります。', 'The account must be in the claimant’s name.') }),
    ],
    { key: 'account' },
  );
}

/** 誓約・同意: the declaration the paper form has above the signature. */
export function declarationSection(text: LocalizedText): SectionDef {
  return section('declaration', t('誓約', 'Declaration'), [field('agreed', text, 'checkbox', { required: true })], { key: 'declaration' });
}

export const TRUE_DECLARATION = t('記載した内容は事実と相違ありません。', 'What I have entered is true.');

export function notes(): SectionDef {
  return section('notes', t('その他', 'Anything else'), [field('remarks', t('備考', 'Remarks'), 'textarea', { maxLength: 1000, help: t('担当課へ伝えたいことがあれば記入してください。', 'Anything you want the office to know.') })], { key: 'notes' });
}
