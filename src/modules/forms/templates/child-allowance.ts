// 児童手当 (児童手当法, 施行規則の様式): the ten procedures of PRODUCT.md §5. Fields follow the
// national model forms (認定請求書, 額改定請求書・届, 氏名・住所変更等届, 受給事由消滅届, 未支払請求書,
// 寄附の申出書, 学校給食費等の徴収等の申出書, 現況届), including the 2024 reform (高校生年代まで,
// 多子加算の対象となる22歳年度末までの子の監護相当・生計費の負担).
import { accountSection, applicantSection, childrenGroup, childrenSection, declarationSection, field, notes, options, section, spouseSections, step, t, TRUE_DECLARATION, type NationalTemplate } from './common.ts';

const CLAIMANT = t('請求者', 'Claimant');
const NOTIFIER = t('届出者（受給者）', 'Recipient');

const olderChildren = childrenGroup({
  id: 'olderChildren',
  label: t('18歳到達後の最初の3月31日を過ぎた22歳年度末までの子', 'Children past 18 up to the end of the school year in which they turn 22'),
  livingApart: true,
  minItems: 0,
  extra: [field('supported', t('監護に相当する世話等をし、生計費を負担している', 'I look after this child and pay their living costs'), 'checkbox', { required: true })],
});

export const CHILD_ALLOWANCE_TEMPLATES: NationalTemplate[] = [
  {
    procedureId: 'child-allowance.certification',
    title: t('児童手当 認定請求書', 'Child allowance: claim for certification'),
    steps: [
      step('claimant', CLAIMANT, [
        applicantSection(CLAIMANT, { occupation: true, pension: true, relationship: true }),
        section(
          'reason',
          t('請求の理由', 'Why you are claiming'),
          [
            field('reason', t('請求の理由', 'Reason'), 'radio', {
              required: true,
              options: options(
                ['birth', '第1子が生まれた', 'My first child was born'],
                ['move-in', '他の市区町村から転入した', 'I moved here from another municipality'],
                ['left-public-service', '公務員でなくなった', 'I stopped being a public servant'],
                ['custody', '児童を養育するようになった', 'I started looking after a child'],
                ['other', 'その他', 'Other'],
              ),
            }),
            field('reasonDate', t('事由が発生した日', 'Date it happened'), 'date', { required: true, help: t('出生日・転入日など。事由発生日の翌日から15日以内に請求してください。', 'Date of birth, date of moving in, etc. Claim within 15 days.') }),
            field('previousMunicipality', t('転入前の市区町村', 'Previous municipality'), 'text', { required: true, maxLength: 60, when: { field: 'reason.reason', equals: 'move-in' } }),
            field('otherReason', t('その他の理由', 'Other reason'), 'textarea', { required: true, maxLength: 500, when: { field: 'reason.reason', equals: 'other' } }),
          ],
          { key: 'reason' },
        ),
      ]),
      step('spouse', t('配偶者', 'Spouse'), spouseSections()),
      step('children', t('児童', 'Children'), [
        childrenSection(t('養育している18歳年度末までの児童', 'Children up to the end of the school year in which they turn 18')),
        section('olderChildren', t('多子加算の対象となる子', 'Older children counted for the large-family amount'), [olderChildren], {
          help: t('大学生年代の子など、監護に相当する世話等をし生計費を負担している子がいれば追加してください。', 'Add children such as university students you look after and support.'),
        }),
      ]),
      step('account', t('振込先', 'Payment'), [accountSection()]),
      step('confirm', t('誓約', 'Declaration'), [notes(), declarationSection(TRUE_DECLARATION)]),
    ],
  },
  {
    procedureId: 'child-allowance.amount-revision',
    title: t('児童手当 額改定請求書・額改定届', 'Child allowance: claim or notification to revise the amount'),
    steps: [
      step('recipient', NOTIFIER, [applicantSection(NOTIFIER)]),
      step('revision', t('改定の内容', 'The change'), [
        section(
          'revision',
          t('改定の内容', 'The change'),
          [
            field('direction', t('改定の種類', 'Kind of change'), 'radio', {
              required: true,
              options: options(['increase', '増額（児童が増えた）', 'Increase (more children)'], ['decrease', '減額（児童が減った）', 'Decrease (fewer children)']),
            }),
            field('reason', t('理由', 'Reason'), 'select', {
              required: true,
              options: options(
                ['birth', '出生', 'Birth'],
                ['custody-start', '養育の開始', 'Started looking after a child'],
                ['custody-end', '監護・生計同一でなくなった', 'No longer looking after or supporting a child'],
                ['facility', '児童が施設に入所した', 'A child entered a care facility'],
                ['death', '児童の死亡', 'Death of a child'],
                ['other', 'その他', 'Other'],
              ),
            }),
            field('changeDate', t('事由が発生した日', 'Date it happened'), 'date', { required: true }),
          ],
          { key: 'revision' },
        ),
        childrenSection(t('増減した児童', 'Children added or removed')),
      ]),
      step('confirm', t('誓約', 'Declaration'), [notes(), declarationSection(TRUE_DECLARATION)]),
    ],
  },
  {
    procedureId: 'child-allowance.change-notice',
    title: t('児童手当 氏名変更・住所変更等届', 'Child allowance: notification of a change of name, address and the like'),
    steps: [
      step('recipient', NOTIFIER, [applicantSection(NOTIFIER)]),
      step('changes', t('変更の内容', 'What changed'), [
        section(
          'changes',
          t('変更の内容', 'What changed'),
          [
            field('kinds', t('変更があった事項', 'What changed'), 'checkbox', {
              required: true,
              options: options(
                ['name', '受給者の氏名', 'Your name'],
                ['address', '受給者の住所（市区町村内）', 'Your address (within the municipality)'],
                ['child-name', '児童の氏名', 'A child’s name'],
                ['child-address', '児童の住所（別居・同居の変更）', 'A child’s address (living apart or together)'],
                ['pension', '加入している年金制度', 'Your pension scheme'],
                ['spouse', '配偶者の有無・配偶者の氏名', 'Your spouse'],
                ['account', '振込先口座', 'Bank account'],
              ),
            }),
            field('changeDate', t('変更のあった日', 'Date of the change'), 'date', { required: true }),
            field('newName', t('変更後の氏名', 'New name'), 'text', { required: true, maxLength: 60, when: { field: 'changes.kinds', includes: 'name' } }),
            field('newAddress', t('変更後の住所', 'New address'), 'text', { required: true, maxLength: 200, when: { field: 'changes.kinds', includes: 'address' } }),
            field('newPension', t('変更後の年金制度', 'New pension scheme'), 'radio', {
              required: true,
              when: { field: 'changes.kinds', includes: 'pension' },
              options: options(['kosei', '厚生年金保険', 'Employees’ Pension Insurance'], ['national', '国民年金', 'National Pension'], ['none', '加入していない', 'Not enrolled']),
            }),
            field('childDetails', t('児童・配偶者の変更内容', 'Details of the change for the child or spouse'), 'textarea', {
              maxLength: 1000,
              help: t('児童の氏名・住所、配偶者の変更は、対象の方と変更後の内容を記入してください。', 'Name the person and what changed.'),
            }),
          ],
          { key: 'changes' },
        ),
      ]),
      step('account', t('振込先', 'Payment'), [
        { ...accountSection(), when: { field: 'changes.kinds', includes: 'account' } },
      ]),
      step('confirm', t('誓約', 'Declaration'), [notes(), declarationSection(TRUE_DECLARATION)]),
    ],
  },
  {
    procedureId: 'child-allowance.loss-notice',
    title: t('児童手当 受給事由消滅届', 'Child allowance: notification that the grounds have ended'),
    steps: [
      step('recipient', NOTIFIER, [applicantSection(NOTIFIER)]),
      step('loss', t('消滅の事由', 'Why it ended'), [
        section(
          'loss',
          t('消滅の事由', 'Why it ended'),
          [
            field('reason', t('事由', 'Reason'), 'radio', {
              required: true,
              options: options(
                ['move-out', '他の市区町村へ転出する（した）', 'I am moving (moved) to another municipality'],
                ['no-custody', '児童を養育しなくなった', 'I no longer look after the children'],
                ['public-servant', '公務員になった', 'I became a public servant'],
                ['facility', '児童が施設に入所した', 'The child entered a care facility'],
                ['abroad', '受給者が海外へ転出する', 'I am moving abroad'],
                ['other', 'その他', 'Other'],
              ),
            }),
            field('date', t('事由の発生日（転出予定日）', 'Date (expected date of moving out)'), 'date', { required: true }),
            field('newAddress', t('転出先の住所', 'New address'), 'text', { required: true, maxLength: 200, when: { field: 'loss.reason', in: ['move-out', 'abroad'] } }),
            field('otherReason', t('その他の事由', 'Other reason'), 'textarea', { required: true, maxLength: 500, when: { field: 'loss.reason', equals: 'other' } }),
          ],
          { key: 'loss' },
        ),
      ]),
      step('confirm', t('誓約', 'Declaration'), [notes(), declarationSection(TRUE_DECLARATION)]),
    ],
  },
  {
    procedureId: 'child-allowance.unpaid-claim',
    title: t('未支払児童手当等請求書', 'Claim for unpaid child allowance'),
    steps: [
      step('claimant', CLAIMANT, [applicantSection(CLAIMANT)]),
      step('deceased', t('亡くなった受給者', 'The recipient who died'), [
        section(
          'deceased',
          t('亡くなった受給者', 'The recipient who died'),
          [
            field('name', t('氏名', 'Full name'), 'text', { required: true, maxLength: 60 }),
            field('birthDate', t('生年月日', 'Date of birth'), 'date', { required: true }),
            field('dateOfDeath', t('死亡した日', 'Date of death'), 'date', { required: true }),
            field('address', t('死亡時の住所', 'Address at death'), 'text', { required: true, maxLength: 200 }),
            field('relationship', t('請求者との続柄', 'Your relationship to them'), 'select', {
              required: true,
              options: options(['spouse', '配偶者', 'Spouse'], ['child', '子（児童）', 'Child'], ['parent', '父母', 'Parent'], ['other', 'その他', 'Other']),
            }),
          ],
          { key: 'deceased' },
        ),
        childrenSection(t('受給者が養育していた児童', 'Children the recipient looked after'), childrenGroup({ livingApart: false })),
      ]),
      step('account', t('振込先', 'Payment'), [accountSection()]),
      step('confirm', t('誓約', 'Declaration'), [notes(), declarationSection(TRUE_DECLARATION)]),
    ],
  },
  {
    procedureId: 'child-allowance.donation',
    title: t('児童手当等に係る寄附の申出書', 'Offer to donate the child allowance'),
    steps: [
      step('recipient', NOTIFIER, [applicantSection(NOTIFIER)]),
      step('donation', t('寄附の内容', 'The donation'), [
        section(
          'donation',
          t('寄附の内容', 'The donation'),
          [
            field('scope', t('寄附する額', 'Amount to donate'), 'radio', {
              required: true,
              options: options(['all', '支給される全額', 'All of the allowance'], ['part', '一部（月額を指定）', 'Part (a monthly amount)']),
            }),
            field('monthlyAmount', t('寄附する月額（円）', 'Monthly amount (yen)'), 'number', { required: true, integer: true, minimum: 1, maximum: 200000, when: { field: 'donation.scope', equals: 'part' } }),
            field('startMonth', t('寄附を始める支給月', 'First payment to donate'), 'date', { required: true, help: t('支給月の1日を入力してください（例：2025-06-01）。', 'The first day of the payment month, e.g. 2025-06-01.') }),
            field('purpose', t('寄附の使途の希望', 'What you would like it used for'), 'textarea', { maxLength: 500 }),
          ],
          { key: 'donation' },
        ),
      ]),
      step('confirm', t('誓約', 'Declaration'), [declarationSection(t('児童手当の全部又は一部を市区町村に寄附することを申し出ます。', 'I offer to donate all or part of the allowance to the municipality.'))]),
    ],
  },
  {
    procedureId: 'child-allowance.donation-change',
    title: t('児童手当等に係る寄附変更等申出書', 'Change to a donation of the child allowance'),
    steps: [
      step('recipient', NOTIFIER, [applicantSection(NOTIFIER)]),
      step('change', t('変更の内容', 'The change'), [
        section(
          'change',
          t('変更の内容', 'The change'),
          [
            field('kind', t('申出の種類', 'Kind of change'), 'radio', {
              required: true,
              options: options(['amount', '寄附する額を変更する', 'Change the amount'], ['stop', '寄附をやめる', 'Stop donating']),
            }),
            field('newScope', t('変更後の寄附額', 'New amount'), 'radio', {
              required: true,
              when: { field: 'change.kind', equals: 'amount' },
              options: options(['all', '支給される全額', 'All of the allowance'], ['part', '一部（月額を指定）', 'Part (a monthly amount)']),
            }),
            field('monthlyAmount', t('変更後の月額（円）', 'New monthly amount (yen)'), 'number', { required: true, integer: true, minimum: 1, maximum: 200000, when: { field: 'change.newScope', equals: 'part' } }),
            field('effectiveMonth', t('変更する支給月', 'From which payment'), 'date', { required: true }),
          ],
          { key: 'change' },
        ),
      ]),
      step('confirm', t('誓約', 'Declaration'), [declarationSection(TRUE_DECLARATION)]),
    ],
  },
  {
    procedureId: 'child-allowance.school-fee-collection',
    title: t('学校給食費等の徴収等の申出書', 'Request to pay school meal fees and the like from the allowance'),
    steps: [
      step('recipient', NOTIFIER, [applicantSection(NOTIFIER)]),
      step('fees', t('徴収する費用', 'The fees'), [
        section(
          'fees',
          t('徴収する費用', 'The fees'),
          [
            field('kinds', t('児童手当から支払う費用', 'Fees to pay from the allowance'), 'checkbox', {
              required: true,
              options: options(
                ['school-meals', '学校給食費', 'School meals'],
                ['school-supplies', '学用品費等', 'School supplies'],
                ['school-trip', '修学旅行費', 'School trips'],
                ['nursery', '保育料', 'Childcare fees'],
                ['other', 'その他の学校教育に必要な費用', 'Other school costs'],
              ),
            }),
            field('startMonth', t('徴収を始める支給月', 'First payment'), 'date', { required: true }),
          ],
          { key: 'fees' },
        ),
        childrenSection(
          t('対象となる児童', 'The children'),
          childrenGroup({
            livingApart: false,
            extra: [field('school', t('学校・施設の名称', 'School or facility'), 'text', { required: true, maxLength: 100 }), field('grade', t('学年・クラス', 'Year and class'), 'text', { maxLength: 30 })],
          }),
        ),
      ]),
      step('confirm', t('同意', 'Consent'), [declarationSection(t('上記の費用を児童手当から徴収することに同意します。', 'I agree that these fees are taken from the allowance.'))]),
    ],
  },
  {
    procedureId: 'child-allowance.school-fee-collection-change',
    title: t('学校給食費等の徴収等の変更等申出書', 'Change to paying school meal fees and the like from the allowance'),
    steps: [
      step('recipient', NOTIFIER, [applicantSection(NOTIFIER)]),
      step('change', t('変更の内容', 'The change'), [
        section(
          'change',
          t('変更の内容', 'The change'),
          [
            field('kind', t('申出の種類', 'Kind of change'), 'radio', {
              required: true,
              options: options(['change', '徴収する費用・児童を変更する', 'Change the fees or children'], ['stop', '徴収をやめる', 'Stop paying from the allowance']),
            }),
            field('details', t('変更の内容', 'What changes'), 'textarea', { required: true, maxLength: 1000, when: { field: 'change.kind', equals: 'change' } }),
            field('effectiveMonth', t('変更する支給月', 'From which payment'), 'date', { required: true }),
          ],
          { key: 'change' },
        ),
      ]),
      step('confirm', t('誓約', 'Declaration'), [declarationSection(TRUE_DECLARATION)]),
    ],
  },
  {
    procedureId: 'child-allowance.status-report',
    title: t('児童手当 現況届', 'Child allowance: annual status report'),
    steps: [
      step('recipient', NOTIFIER, [applicantSection(NOTIFIER, { occupation: true, pension: true })]),
      step('spouse', t('配偶者', 'Spouse'), spouseSections()),
      step('children', t('児童', 'Children'), [
        childrenSection(t('現在養育している児童', 'Children you look after now')),
        section(
          'situation',
          t('受給状況の確認', 'Your situation'),
          [
            field('changed', t('前回の届出から児童の監護・生計の状況に変更がありましたか', 'Has anything changed in how you look after or support the children since last time?'), 'yes-no', { required: true }),
            field('changeDetails', t('変更の内容', 'What changed'), 'textarea', { required: true, maxLength: 1000, when: { field: 'situation.changed', equals: true } }),
          ],
          { key: 'situation' },
        ),
      ]),
      step('confirm', t('誓約', 'Declaration'), [notes(), declarationSection(TRUE_DECLARATION)]),
    ],
  },
];
