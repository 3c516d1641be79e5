// ひとり親支援: 児童扶養手当の現況届の事前送信 (児童扶養手当法施行規則 第4条 — the report itself is
// completed at an interview, so this sends the answers ahead of it); 母子保健: 妊娠の届出 (母子保健法
// 第15条, with the questions of 母子保健法施行規則 and the 妊婦の状況 asked for 伴走型相談支援).
import { applicantSection, childrenGroup, declarationSection, field, notes, options, section, step, t, TRUE_DECLARATION, type NationalTemplate } from './common.ts';

export const SINGLE_PARENT_TEMPLATES: NationalTemplate[] = [
  {
    procedureId: 'single-parent.status-report-advance',
    title: t('児童扶養手当 現況届（事前送信）', 'Child-rearing allowance: status report sent in advance'),
    steps: [
      step('recipient', t('受給者', 'Recipient'), [
        applicantSection(t('受給者', 'Recipient'), { occupation: true, relationship: true }),
        section(
          'status',
          t('8月1日現在の状況', 'Your situation on 1 August'),
          [
            field('maritalStatus', t('受給者の状況', 'Your situation'), 'select', {
              required: true,
              options: options(
                ['divorced', '離婚', 'Divorced'],
                ['widowed', '死別', 'Widowed'],
                ['unmarried', '未婚', 'Never married'],
                ['spouse-disabled', '配偶者に重度の障害がある', 'Spouse severely disabled'],
                ['abandoned', '遺棄・DV保護命令', 'Abandonment or protection order'],
                ['other', 'その他', 'Other'],
              ),
            }),
            field('hasPartner', t('事実婚の相手・同居している異性はいますか', 'Do you live with a partner?'), 'yes-no', { required: true, help: t('いる場合は手当の対象外となることがあります。面談でお伺いします。', 'If so, you may no longer qualify; we will ask at the interview.') }),
          ],
          { key: 'status' },
        ),
      ]),
      step('children', t('児童', 'Children'), [section('children', t('対象となる児童', 'The children'), [childrenGroup()])]),
      step('income', t('収入等', 'Income'), [
        section(
          'income',
          t('前年の収入等', 'Last year’s income'),
          [
            field('employmentIncome', t('前年の給与収入（円）', 'Employment income last year (yen)'), 'number', { integer: true, minimum: 0, maximum: 1_000_000_000 }),
            field('receivesSupport', t('児童の父（母）から養育費を受け取っていますか', 'Do you receive child support from the other parent?'), 'yes-no', { required: true }),
            field('supportAnnual', t('前年に受け取った養育費の総額（円）', 'Child support received last year (yen)'), 'number', { required: true, integer: true, minimum: 0, maximum: 100_000_000, when: { field: 'income.receivesSupport', equals: true } }),
            field('receivesPension', t('公的年金・遺族補償等を受け取っていますか', 'Do you or the children receive a public pension or survivors’ compensation?'), 'yes-no', { required: true }),
            field('pensionDetails', t('年金等の種類と年額', 'Kind and yearly amount'), 'text', { required: true, maxLength: 200, when: { field: 'income.receivesPension', equals: true } }),
          ],
          { key: 'income' },
        ),
        section(
          'household',
          t('同居している家族', 'People you live with'),
          [
            {
              kind: 'group',
              id: 'members',
              label: t('同居している家族（児童を除く）', 'Household members (not the children)'),
              itemLabel: t('同居者', 'Member'),
              minItems: 0,
              maxItems: 10,
              fields: [
                field('name', t('氏名', 'Full name'), 'text', { required: true, maxLength: 60 }),
                field('relationship', t('続柄', 'Relationship'), 'text', { required: true, maxLength: 30 }),
                field('birthDate', t('生年月日', 'Date of birth'), 'date', { required: true }),
              ],
            },
          ],
          { key: 'household' },
        ),
      ]),
      step('interview', t('面談', 'Interview'), [
        section(
          'interview',
          t('面談の希望', 'Interview'),
          [
            field('preferredDate', t('面談の希望日', 'Preferred interview date'), 'date', { help: t('現況届は面談で完了します。希望日をお知らせください。', 'The report is completed at an interview; tell us when suits you.') }),
            field('preferredTime', t('希望の時間帯', 'Preferred time'), 'radio', { options: options(['morning', '午前', 'Morning'], ['afternoon', '午後', 'Afternoon'], ['any', 'いつでもよい', 'Any time']) }),
          ],
          { key: 'interview' },
        ),
        notes(),
        declarationSection(TRUE_DECLARATION),
      ]),
    ],
  },
];

export const MATERNAL_HEALTH_TEMPLATES: NationalTemplate[] = [
  {
    procedureId: 'maternal-health.pregnancy-notification',
    title: t('妊娠届出書', 'Notification of pregnancy'),
    steps: [
      step('person', t('妊婦', 'The pregnant person'), [applicantSection(t('妊婦（届出者）', 'The pregnant person'), { occupation: true })]),
      step('pregnancy', t('妊娠の状況', 'The pregnancy'), [
        section(
          'pregnancy',
          t('妊娠の状況', 'The pregnancy'),
          [
            field('weeks', t('妊娠週数（届出日現在）', 'Weeks of pregnancy (today)'), 'number', { required: true, integer: true, minimum: 1, maximum: 45 }),
            field('dueDate', t('出産予定日', 'Due date'), 'date', { required: true }),
            field('diagnosisDate', t('妊娠の診断を受けた日', 'Date the pregnancy was confirmed'), 'date'),
            field('clinic', t('診断を受けた医療機関', 'Clinic or hospital that confirmed it'), 'text', { required: true, maxLength: 100 }),
            field('doctor', t('医師・助産師の氏名', 'Doctor or midwife'), 'text', { maxLength: 60 }),
            field('plannedBirthPlace', t('出産予定の医療機関', 'Where you plan to give birth'), 'text', { maxLength: 100 }),
            field('multiple', t('多胎妊娠（双子など）ですか', 'Are you expecting twins or more?'), 'yes-no', { required: true }),
            field('fetuses', t('胎児の数', 'Number of babies'), 'number', { required: true, integer: true, minimum: 2, maximum: 6, when: { field: 'pregnancy.multiple', equals: true } }),
            field('previousPregnancies', t('これまでの妊娠回数（今回を除く）', 'Previous pregnancies (not this one)'), 'number', { integer: true, minimum: 0, maximum: 20 }),
            field('previousBirths', t('これまでの出産回数', 'Previous births'), 'number', { integer: true, minimum: 0, maximum: 20 }),
          ],
          { key: 'pregnancy' },
        ),
      ]),
      step('health', t('妊婦の状況', 'Your health and situation'), [
        section(
          'health',
          t('妊婦の状況', 'Your health and situation'),
          [
            field('conditions', t('治療中・治療したことのある病気', 'Conditions being treated or treated before'), 'checkbox', {
              options: options(
                ['hypertension', '高血圧', 'High blood pressure'],
                ['diabetes', '糖尿病', 'Diabetes'],
                ['heart', '心臓病', 'Heart disease'],
                ['kidney', '腎臓病', 'Kidney disease'],
                ['thyroid', '甲状腺の病気', 'Thyroid disease'],
                ['mental', 'こころの病気', 'Mental health condition'],
                ['other', 'その他', 'Other'],
              ),
            }),
            field('conditionsOther', t('その他の病気', 'Other condition'), 'text', { required: true, maxLength: 200, when: { field: 'health.conditions', includes: 'other' } }),
            field('smoking', t('たばこを吸っていますか', 'Do you smoke?'), 'yes-no', { required: true }),
            field('householdSmoking', t('同居の家族にたばこを吸う人はいますか', 'Does anyone you live with smoke?'), 'yes-no'),
            field('alcohol', t('お酒を飲んでいますか', 'Do you drink alcohol?'), 'yes-no', { required: true }),
            field('work', t('仕事について', 'Work'), 'radio', {
              required: true,
              options: options(['continue', '続ける', 'I will keep working'], ['leave', '産休・育休を取る', 'I will take maternity or parental leave'], ['quit', '辞める予定', 'I plan to stop'], ['none', '仕事はしていない', 'I do not work']),
            }),
            field('feelings', t('妊娠がわかったときの気持ち', 'How you felt on learning of the pregnancy'), 'radio', {
              options: options(['happy', 'うれしい', 'Happy'], ['unexpected', '予想外だがうれしい', 'Unexpected but happy'], ['worried', '困った・不安', 'Worried'], ['unsure', 'わからない', 'Not sure']),
            }),
            field('support', t('家事や育児を手伝ってくれる人はいますか', 'Is there someone who can help at home?'), 'yes-no', { required: true }),
            field('consult', t('相談したいこと', 'Anything you would like to talk about'), 'textarea', { maxLength: 1000, help: t('保健師等が面談でお伺いします。', 'A public health nurse will talk with you.') }),
          ],
          { key: 'health' },
        ),
        section(
          'partner',
          t('お子さんの父（パートナー）', 'The baby’s father (partner)'),
          [
            field('name', t('氏名', 'Full name'), 'text', { maxLength: 60 }),
            field('birthDate', t('生年月日', 'Date of birth'), 'date'),
            field('phone', t('電話番号', 'Phone number'), 'tel'),
          ],
          { key: 'partner', help: t('差し支えなければ記入してください。', 'Only if you wish.') },
        ),
      ]),
      step('confirm', t('確認', 'Confirm'), [notes(), declarationSection(TRUE_DECLARATION)]),
    ],
  },
];
