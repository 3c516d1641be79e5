// 保育 (子ども・子育て支援法, 児童福祉法 第24条): 支給認定の申請, 保育施設等の利用申込, 保育施設等の現況届.
// The reasons a guardian needs childcare (保育を必要とする事由) follow 子ども・子育て支援法施行規則 第1条の5,
// asked for each guardian of the household.
import type { FieldDef, GroupDef } from '../definition.ts';
import { applicantSection, childrenGroup, declarationSection, field, notes, options, section, step, t, TRUE_DECLARATION, type NationalTemplate } from './common.ts';

const GUARDIAN = t('保護者', 'Guardian');

const REASONS = options(
  ['work', '就労（月48時間以上）', 'Work (48 hours a month or more)'],
  ['pregnancy', '妊娠・出産', 'Pregnancy or childbirth'],
  ['illness', '保護者の疾病・障害', 'Illness or disability'],
  ['care', '同居親族等の介護・看護', 'Caring for a relative'],
  ['disaster', '災害復旧', 'Disaster recovery'],
  ['job-seeking', '求職活動（起業準備を含む）', 'Looking for work (or starting a business)'],
  ['study', '就学（職業訓練を含む）', 'Study or vocational training'],
  ['abuse', '虐待・DVのおそれ', 'Risk of abuse or domestic violence'],
  ['parental-leave', '育児休業中で既に保育を利用している子がいる', 'On parental leave with a child already in care'],
  ['other', 'その他', 'Other'],
);

function guardianFields(): FieldDef[] {
  return [
    field('name', t('氏名', 'Full name'), 'text', { required: true, maxLength: 60 }),
    field('relationship', t('児童との続柄', 'Relationship to the child'), 'select', {
      required: true,
      options: options(['father', '父', 'Father'], ['mother', '母', 'Mother'], ['grandparent', '祖父母', 'Grandparent'], ['other', 'その他', 'Other']),
    }),
    field('reason', t('保育を必要とする事由', 'Why childcare is needed'), 'select', { required: true, options: REASONS }),
    field('employer', t('勤務先・事業所の名称', 'Employer or business'), 'text', { required: true, maxLength: 100, when: { field: 'reason', equals: 'work' } }),
    field('hoursPerMonth', t('1か月の就労時間', 'Working hours a month'), 'number', { required: true, integer: true, minimum: 0, maximum: 744, when: { field: 'reason', equals: 'work' } }),
    field('daysPerWeek', t('1週間の就労日数', 'Working days a week'), 'number', { integer: true, minimum: 0, maximum: 7, when: { field: 'reason', equals: 'work' } }),
    field('dueDate', t('出産予定日', 'Due date'), 'date', { required: true, when: { field: 'reason', equals: 'pregnancy' } }),
    field('reasonDetails', t('事由の詳しい内容', 'Details'), 'textarea', { maxLength: 500, help: t('疾病・介護・就学などは、その内容と期間を記入してください。', 'For illness, care or study, say what and for how long.') }),
  ];
}

function guardiansGroup(): GroupDef {
  return {
    kind: 'group',
    id: 'guardians',
    label: t('保護者ごとの保育を必要とする事由', 'Why each guardian needs childcare'),
    itemLabel: GUARDIAN,
    help: t('同居している父母それぞれについて入力してください（ひとり親の場合は1人）。', 'One row for each parent in the household (one for a single parent).'),
    minItems: 1,
    maxItems: 4,
    fields: guardianFields(),
  };
}

const CHILD_EXTRA = [field('allergies', t('アレルギー・配慮が必要なこと', 'Allergies or needs'), 'textarea', { maxLength: 500 })];

const CERTIFICATION_KIND = options(
  ['1', '1号認定（満3歳以上・教育標準時間）', 'Type 1 (3 and over, education hours)'],
  ['2', '2号認定（満3歳以上・保育を必要とする）', 'Type 2 (3 and over, needs childcare)'],
  ['3', '3号認定（満3歳未満・保育を必要とする）', 'Type 3 (under 3, needs childcare)'],
);

export const CHILDCARE_TEMPLATES: NationalTemplate[] = [
  {
    procedureId: 'childcare.certification',
    title: t('施設型給付費・地域型保育給付費等 支給認定申請書', 'Application for childcare eligibility certification'),
    steps: [
      step('guardian', GUARDIAN, [applicantSection(t('申請者（保護者）', 'Applicant (guardian)'), { occupation: true, relationship: true })]),
      step('children', t('児童', 'Children'), [section('children', t('認定を受ける児童', 'Children to be certified'), [childrenGroup({ livingApart: false, extra: CHILD_EXTRA })])]),
      step('certification', t('認定の区分', 'Certification'), [
        section(
          'certification',
          t('希望する認定', 'Certification you apply for'),
          [
            field('kind', t('認定の区分', 'Type'), 'radio', { required: true, options: CERTIFICATION_KIND }),
            field('hours', t('保育必要量', 'Hours of care'), 'radio', {
              required: true,
              when: { field: 'certification.kind', in: ['2', '3'] },
              options: options(['standard', '保育標準時間（最長11時間）', 'Standard (up to 11 hours)'], ['short', '保育短時間（最長8時間）', 'Short (up to 8 hours)']),
            }),
          ],
          { key: 'certification' },
        ),
        section('needs', t('保育を必要とする事由', 'Why childcare is needed'), [guardiansGroup()], { when: { field: 'certification.kind', in: ['2', '3'] } }),
      ]),
      step('confirm', t('同意・誓約', 'Consent and declaration'), [
        notes(),
        declarationSection(t('認定のために必要な税情報・世帯情報を市区町村が確認することに同意し、記載内容が事実と相違ないことを誓約します。', 'I agree that the municipality checks my tax and household information, and what I have entered is true.')),
      ]),
    ],
  },
  {
    procedureId: 'childcare.facility-application',
    title: t('保育施設等 利用申込書', 'Application for a place in a childcare facility'),
    steps: [
      step('guardian', GUARDIAN, [applicantSection(t('申込者（保護者）', 'Applicant (guardian)'), { occupation: true, relationship: true })]),
      step('child', t('児童', 'Child'), [section('children', t('入所を希望する児童', 'Children who need a place'), [childrenGroup({ livingApart: false, extra: CHILD_EXTRA })])]),
      step('preferences', t('希望施設', 'Preferred facilities'), [
        section(
          'preferences',
          t('希望する施設（希望順）', 'Facilities in order of preference'),
          [
            {
              kind: 'group',
              id: 'facilities',
              label: t('希望施設', 'Preferred facilities'),
              itemLabel: t('希望', 'Preference'),
              help: t('希望する順に入力してください。上から第1希望、第2希望…となります。', 'In order of preference: the first row is your first choice.'),
              minItems: 1,
              maxItems: 10,
              fields: [
                field('name', t('施設名', 'Facility'), 'text', { required: true, maxLength: 100 }),
                field('facilityCode', t('施設番号', 'Facility number'), 'text', { maxLength: 20, help: t('一覧に記載の番号（分かる場合）', 'From the list, if you know it') }),
              ],
            },
            field('startDate', t('利用開始希望日', 'Preferred start date'), 'date', { required: true, help: t('原則として月の初日（例：2026-04-01）', 'Usually the 1st of a month, e.g. 2026-04-01') }),
            field('acceptOther', t('希望施設以外でも入所を希望しますか', 'Would you accept a facility you did not list?'), 'yes-no', { required: true }),
            field('siblingsTogether', t('きょうだいが同じ施設でないと入所を辞退しますか', 'Would you decline if siblings cannot be at the same facility?'), 'yes-no'),
          ],
          { key: 'preferences' },
        ),
      ]),
      step('needs', t('保育を必要とする事由', 'Why childcare is needed'), [
        section('needs', t('保育を必要とする事由', 'Why childcare is needed'), [guardiansGroup()]),
        section(
          'circumstances',
          t('世帯の状況', 'Household circumstances'),
          [
            field('kinds', t('該当するもの', 'What applies'), 'checkbox', {
              options: options(
                ['single-parent', 'ひとり親世帯', 'Single-parent household'],
                ['welfare', '生活保護世帯', 'On public assistance'],
                ['disability', '児童に障害がある', 'The child has a disability'],
                ['sibling-enrolled', 'きょうだいが希望施設に在園している', 'A sibling attends a preferred facility'],
                ['returning', '育児休業から復職する', 'Returning from parental leave'],
              ),
            }),
            field('returnDate', t('復職予定日', 'Date you return to work'), 'date', { required: true, when: { field: 'circumstances.kinds', includes: 'returning' } }),
          ],
          { key: 'circumstances' },
        ),
      ]),
      step('confirm', t('同意・誓約', 'Consent and declaration'), [
        notes(),
        declarationSection(t('利用調整のために必要な税情報・世帯情報を市区町村が確認することに同意し、記載内容が事実と相違ないことを誓約します。', 'I agree that the municipality checks my tax and household information to allocate places, and what I have entered is true.')),
      ]),
    ],
  },
  {
    procedureId: 'childcare.status-report',
    title: t('保育施設等 現況届', 'Status report for childcare facility use'),
    steps: [
      step('guardian', GUARDIAN, [applicantSection(t('届出者（保護者）', 'Guardian'), { relationship: true })]),
      step('child', t('児童', 'Child'), [
        section('children', t('利用している児童', 'Children in care'), [childrenGroup({ livingApart: false, extra: [field('facility', t('利用している施設', 'Facility'), 'text', { required: true, maxLength: 100 })] })]),
      ]),
      step('needs', t('保育を必要とする事由', 'Why childcare is needed'), [
        section('needs', t('現在の保育を必要とする事由', 'Why childcare is needed now'), [guardiansGroup()]),
        section(
          'situation',
          t('変更の有無', 'Changes'),
          [
            field('changed', t('前回の届出から勤務先・就労時間・世帯の状況に変更がありましたか', 'Has your work, hours or household changed since last time?'), 'yes-no', { required: true }),
            field('changeDetails', t('変更の内容', 'What changed'), 'textarea', { required: true, maxLength: 1000, when: { field: 'situation.changed', equals: true } }),
          ],
          { key: 'situation' },
        ),
      ]),
      step('confirm', t('誓約', 'Declaration'), [declarationSection(TRUE_DECLARATION)]),
    ],
  },
];
