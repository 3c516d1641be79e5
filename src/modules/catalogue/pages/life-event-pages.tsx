// /life-events and /life-events/:id — attribute search entered from a life event (PRODUCT.md §3.2):
// the household form (works without JavaScript: a fixed number of child rows and a button for more),
// then the services of that event where the resident lives, each with why it applies or not, and
// the estimated monthly allowances as a bar chart of inline SVG (no style attributes: CSP).
import type { Text } from '../../../platform/i18n.ts';
import { CsrfField, Layout, TableScroll } from '../../../web/layout.tsx';
import type { PageContext } from '../../../web/page.ts';
import type { BenefitEstimate } from '../benefits/types.ts';
import { GRADE_CHOICES, type FieldError, type HouseholdValues } from './household-form.ts';
import { amountText, type ServiceMatch, type Verdict } from './match-services.ts';
import { ErrorSummary, type Participating } from './search-page.tsx';
import { AcceptanceBadge, lifeEventLabel, ownerText } from './views.tsx';

/** The life events offered as entry points, in the order residents meet them. */
export const ENTRY_EVENTS: ReadonlyArray<{ id: string; description: Text }> = [
  { id: 'pregnancy', description: { ja: '妊娠の届出、母子健康手帳、妊婦健診、妊婦のための支援給付など', en: 'Pregnancy notification, maternal and child health handbook, check-ups, support payments' } },
  { id: 'birth', description: { ja: '児童手当、子ども医療費助成、産後ケアなど', en: 'Child allowance, medical expense subsidies, postnatal care' } },
  { id: 'nursery', description: { ja: '保育の必要性の認定、保育園の利用申込、一時保育など', en: 'Childcare certification, nursery applications, temporary care' } },
  { id: 'moving-in', description: { ja: '児童手当の認定請求、医療証、保育園の申込など', en: 'Child allowance claim, medical certificates, nursery applications' } },
  { id: 'single-parent', description: { ja: '児童扶養手当、児童育成手当、ひとり親家庭の支援など', en: 'Child-rearing allowance, Tokyo upbringing allowance, support for single parents' } },
  { id: 'school', description: { ja: '就学援助（入学準備金）、学校給食費など', en: 'School grants, school meal fees' } },
  { id: 'illness-disability', description: { ja: '病児保育、特別児童扶養手当、障害児福祉手当など', en: 'Sick-child care, special child-rearing allowance, disability allowances' } },
];

export function LifeEventsIndexPage(props: { ctx: PageContext }): JSX.Element {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={{ ja: 'ライフイベントから探す', en: 'Search by life event' }}>
      <p class="lead">
        {ctx.h({
          ja: 'あてはまる出来事を選んでください。お住まいの市区町村と世帯の状況を入力すると、対象になりそうなサービスと、手当の月額の見込みを表示します。',
          en: 'Choose what is happening in your family. Enter where you live and who is in your household, and we show the services that may apply, with estimated monthly allowances.',
        })}
      </p>
      <ul class="cards life-event-cards">
        {ENTRY_EVENTS.map((e) => (
          <li class="card">
            <h2 class="card-title">
              <a href={`/life-events/${e.id}`} safe>
                {ctx.t(lifeEventLabel(e.id))}
              </a>
            </h2>
            <p safe>{ctx.t(e.description)}</p>
          </li>
        ))}
      </ul>
      <p>
        <a href="/services">{ctx.h({ ja: 'キーワードや分類でサービスを探す', en: 'Search services by keyword or category' })}</a>
      </p>
    </Layout>
  );
}

function fieldError(errors: FieldError[], field: string): FieldError | undefined {
  return errors.find((e) => e.field === field);
}

function TextInput(props: { ctx: PageContext; id: string; label: Text; hint?: Text; value: string; errors: FieldError[]; inputmode?: string; autocomplete?: string }): JSX.Element {
  const { ctx } = props;
  const error = fieldError(props.errors, props.id);
  const described = [props.hint ? `${props.id}-hint` : '', error ? `${props.id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={props.id} safe>
        {ctx.t(props.label)}
      </label>
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`} safe>
          {ctx.t(props.hint)}
        </p>
      ) : (
        ''
      )}
      {error ? (
        <p class="field-error" id={`${props.id}-error`} safe>
          {ctx.t(error.message)}
        </p>
      ) : (
        ''
      )}
      <input
        type="text"
        id={props.id}
        name={props.id}
        value={props.value}
        maxlength="20"
        inputmode={props.inputmode}
        autocomplete={props.autocomplete ?? 'off'}
        aria-describedby={described || undefined}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}

function GradeSelect(props: { ctx: PageContext; id: string; label: Text; choices: readonly string[]; value: string; format: (v: string) => Text }): JSX.Element {
  const { ctx } = props;
  return (
    <div class="field field-grade">
      <label for={props.id} safe>
        {ctx.t(props.label)}
      </label>
      <select id={props.id} name={props.id}>
        <option value="">{ctx.h({ ja: 'なし', en: 'None' })}</option>
        {props.choices.map((c) => (
          <option value={c} selected={c === props.value} safe>
            {ctx.t(props.format(c))}
          </option>
        ))}
      </select>
    </div>
  );
}

function HouseholdForm(props: { ctx: PageContext; eventId: string; values: HouseholdValues; participating: Participating[]; errors: FieldError[] }): JSX.Element {
  const { ctx, values, errors } = props;
  const municipalityError = fieldError(errors, 'municipality');
  return (
    <form class="household-form" method="post" action={`/life-events/${props.eventId}`} novalidate>
      <CsrfField ctx={ctx} />
      <input type="hidden" name="rows" value={String(values.children.length)} />
      <fieldset>
        <legend class="form-legend">{ctx.h({ ja: 'お住まい', en: 'Where you live' })}</legend>
        <div class="field">
          <label for="municipality">{ctx.h({ ja: '市区町村', en: 'Municipality' })}</label>
          {municipalityError ? (
            <p class="field-error" id="municipality-error" safe>
              {ctx.t(municipalityError.message)}
            </p>
          ) : (
            ''
          )}
          <select id="municipality" name="municipality" aria-describedby={municipalityError ? 'municipality-error' : undefined} aria-invalid={municipalityError ? 'true' : undefined}>
            <option value="">{ctx.h({ ja: '選んでください', en: 'Choose' })}</option>
            {props.participating.map((m) => (
              <option value={m.code} selected={m.code === values.municipality} lang="ja" safe>
                {`${m.prefectureName} ${m.name}`}
              </option>
            ))}
          </select>
        </div>
        <TextInput
          ctx={ctx}
          id="municipalityCode"
          label={{ ja: '一覧にない市区町村の場合：地方公共団体コード', en: 'If yours is not listed: local government code' }}
          hint={{ ja: '6桁の数字。国と都道府県の制度を表示します。例：271004', en: '6 digits. National and prefectural schemes are shown. e.g. 271004' }}
          value={values.municipalityCode}
          errors={errors}
          inputmode="numeric"
        />
      </fieldset>

      <fieldset>
        <legend class="form-legend">{ctx.h({ ja: 'お子さん', en: 'Your children' })}</legend>
        <p class="hint">
          {ctx.h({
            ja: '高校生年代まで（大学生年代で養育しているお子さんを含む）のお子さんの生年月日を、年上の順に入力してください。生まれる前のお子さんは入力しないでください。障害者手帳などをお持ちの場合は、その等級を選んでください。',
            en: 'Enter the dates of birth of your children up to high-school age (and older ones you still support), eldest first. Leave out a baby not yet born. If a child holds a disability certificate, choose its grade.',
          })}
        </p>
        {values.children.map((c, index) => {
          const n = index + 1;
          const id = `child-${n}-birth`;
          const error = fieldError(errors, id);
          return (
            <fieldset class="child-row">
              <legend safe>{ctx.t({ ja: `${n}人目のお子さん`, en: `Child ${n}` })}</legend>
              <div class="field">
                <label for={id}>{ctx.h({ ja: '生年月日', en: 'Date of birth' })}</label>
                <p class="hint" id={`${id}-hint`}>
                  {ctx.h({ ja: '例：2024-04-01', en: 'e.g. 2024-04-01' })}
                </p>
                {error ? (
                  <p class="field-error" id={`${id}-error`} safe>
                    {ctx.t(error.message)}
                  </p>
                ) : (
                  ''
                )}
                <input
                  type="text"
                  id={id}
                  name={id}
                  value={c.birthDate}
                  maxlength="12"
                  inputmode="numeric"
                  autocomplete="off"
                  aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
                  aria-invalid={error ? 'true' : undefined}
                />
              </div>
              <div class="grade-row">
                <GradeSelect
                  ctx={ctx}
                  id={`child-${n}-physical`}
                  label={{ ja: '身体障害者手帳', en: 'Physical disability certificate' }}
                  choices={GRADE_CHOICES.physical}
                  value={c.physical}
                  format={(v) => ({ ja: `${v}級`, en: `Grade ${v}` })}
                />
                <GradeSelect
                  ctx={ctx}
                  id={`child-${n}-intellectual`}
                  label={{ ja: '療育手帳・愛の手帳', en: 'Intellectual disability certificate' }}
                  choices={GRADE_CHOICES.intellectual}
                  value={c.intellectual}
                  format={(v) => (/^\d$/.test(v) ? { ja: `愛の手帳 ${v}度`, en: `Ai-no-techō grade ${v}` } : { ja: `療育手帳 ${v}`, en: `Ryōiku techō ${v}` })}
                />
                <GradeSelect
                  ctx={ctx}
                  id={`child-${n}-mental`}
                  label={{ ja: '精神障害者保健福祉手帳', en: 'Mental disability certificate' }}
                  choices={GRADE_CHOICES.mental}
                  value={c.mental}
                  format={(v) => ({ ja: `${v}級`, en: `Grade ${v}` })}
                />
              </div>
            </fieldset>
          );
        })}
        {values.children.length < 10 ? (
          <button type="submit" name="more" value="1" class="button-secondary" formnovalidate>
            {ctx.h({ ja: 'お子さんの入力欄を増やす', en: 'Add rows for more children' })}
          </button>
        ) : (
          ''
        )}
      </fieldset>

      <fieldset>
        <legend class="form-legend">{ctx.h({ ja: '世帯の状況', en: 'Your household' })}</legend>
        <div class="choice">
          <input type="checkbox" id="singleParent" name="singleParent" value="yes" checked={values.singleParent} />
          <label for="singleParent">{ctx.h({ ja: 'ひとり親世帯です（離婚・死別・未婚など）', en: 'I am a single parent (divorce, bereavement, unmarried, …)' })}</label>
        </div>
        <TextInput
          ctx={ctx}
          id="income1"
          label={{ ja: '保護者1の所得額（年額・円、任意）', en: 'Income of parent 1 (yen a year, optional)' }}
          hint={{
            ja: '手当の所得制限に使う所得額（収入から給与所得控除などを引いた額）。空欄のときは、所得によって変わる範囲で表示します。例：2,300,000',
            en: 'The income used by the allowances’ income tests (after employment income deduction). Leave blank to see the range over incomes. e.g. 2,300,000',
          }}
          value={values.income1}
          errors={errors}
          inputmode="numeric"
        />
        <TextInput
          ctx={ctx}
          id="income2"
          label={{ ja: '保護者2の所得額（年額・円、任意）', en: 'Income of parent 2 (yen a year, optional)' }}
          hint={{ ja: 'ひとり親世帯の場合は入力不要です。', en: 'Not needed for a single parent.' }}
          value={values.income2}
          errors={errors}
          inputmode="numeric"
        />
      </fieldset>
      <p class="privacy-note">
        {ctx.h({
          ja: '入力した内容は試算のためだけに使い、保存しません。',
          en: 'What you enter is used only for this estimate and is not stored.',
        })}
      </p>
      <button type="submit">{ctx.h({ ja: '対象になりそうなサービスを調べる', en: 'Find services that may apply' })}</button>
    </form>
  );
}

const VERDICT_TEXT: Record<Verdict, Text> = {
  likely: { ja: '対象の見込み', en: 'Likely to apply' },
  check: { ja: '条件を確認', en: 'Check the conditions' },
  unlikely: { ja: '対象外の見込み', en: 'Unlikely to apply' },
};
const VERDICT_CLASS: Record<Verdict, string> = { likely: 'status status-ok', check: 'status status-warn', unlikely: 'status status-muted' };

/** One bar per benefit: the certain part solid, the part that depends on missing facts hatched. */
function AmountChart(props: { ctx: PageContext; estimates: BenefitEstimate[] }): JSX.Element {
  const { ctx } = props;
  const shown = props.estimates.filter((e) => e.monthlyAmount.max > 0);
  if (shown.length === 0) {
    return <p>{ctx.h({ ja: '入力された世帯では、試算の対象の手当は支給されない見込みです。', en: 'None of the estimated allowances is likely to be paid to this household.' })}</p>;
  }
  const scale = Math.max(...shown.map((e) => e.monthlyAmount.max));
  const width = 100;
  const total = shown.reduce((t, e) => ({ min: t.min + e.monthlyAmount.min, max: t.max + e.monthlyAmount.max }), { min: 0, max: 0 });
  return (
    <>
      <ul class="amount-chart">
        {shown.map((e) => {
          const min = Math.round((e.monthlyAmount.min / scale) * width * 10) / 10;
          const max = Math.round((e.monthlyAmount.max / scale) * width * 10) / 10;
          return (
            <li class="amount-row">
              <span class="amount-name" safe>
                {ctx.t(e.name)}
              </span>
              <svg class="amount-bar" viewBox={`0 0 ${width} 10`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect class="bar-track" x="0" y="0" width={String(width)} height="10" />
                <rect class="bar-range" x="0" y="0" width={String(max)} height="10" />
                <rect class="bar-certain" x="0" y="0" width={String(min)} height="10" />
              </svg>
              <span class="amount-value" safe>
                {ctx.t(amountText(e.monthlyAmount))}
              </span>
            </li>
          );
        })}
      </ul>
      <p class="amount-legend">
        <span class="legend-item">
          <span class="legend-certain" aria-hidden="true"></span>
          {ctx.h({ ja: '見込まれる額', en: 'Expected' })}
        </span>
        <span class="legend-item">
          <span class="legend-range" aria-hidden="true"></span>
          {ctx.h({ ja: '所得などによって支給される場合がある額', en: 'May be paid, depending on income and other facts' })}
        </span>
      </p>
      <p class="amount-total" safe>
        {ctx.t({ ja: `合計：${amountText(total).ja}`, en: `Total: ${amountText(total).en}` })}
      </p>
    </>
  );
}

function EstimateDetails(props: { ctx: PageContext; estimates: BenefitEstimate[] }): JSX.Element {
  const { ctx } = props;
  return (
    <TableScroll captionId="estimate-caption">
      <table class="estimate-table">
        <caption id="estimate-caption">{ctx.h({ ja: '手当ごとの試算と理由', en: 'Each allowance, with the reasons' })}</caption>
        <thead>
          <tr>
            <th scope="col">{ctx.h({ ja: '手当', en: 'Allowance' })}</th>
            <th scope="col" class="num">
              {ctx.h({ ja: '月額', en: 'A month' })}
            </th>
            <th scope="col">{ctx.h({ ja: '理由', en: 'Why' })}</th>
          </tr>
        </thead>
        <tbody>
          {props.estimates.map((e) => (
            <tr>
              <th scope="row" safe>
                {ctx.t(e.name)}
              </th>
              <td class="num" safe>
                {e.eligible ? ctx.t(amountText(e.monthlyAmount)) : ctx.t({ ja: '対象外の見込み', en: 'Unlikely' })}
              </td>
              <td>
                <ul class="reason-list">
                  {e.reasons.map((r) => (
                    <li safe>{ctx.t(r)}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function MatchList(props: { ctx: PageContext; matches: ServiceMatch[]; today: string }): JSX.Element {
  const { ctx } = props;
  if (props.matches.length === 0) {
    return (
      <div class="empty-state">
        <p class="empty-title">{ctx.h({ ja: 'このライフイベントのサービスは、まだ登録されていません。', en: 'No service is registered for this life event yet.' })}</p>
        <p>
          <a href="/services">{ctx.h({ ja: 'キーワードでサービスを探す', en: 'Search services by keyword' })}</a>
        </p>
      </div>
    );
  }
  return (
    <ol class="match-list">
      {props.matches.map((m) => (
        <li class={`match match-${m.verdict}`}>
          <div class="match-head">
            <span class={VERDICT_CLASS[m.verdict]} safe>
              {ctx.t(VERDICT_TEXT[m.verdict])}
            </span>
            <AcceptanceBadge ctx={ctx} start={m.service.acceptanceStart} end={m.service.acceptanceEnd} today={props.today} />
          </div>
          <h3 class="result-title">
            <a href={`/services/${m.service.id}`} lang="ja" safe>
              {m.service.title}
            </a>
          </h3>
          <p class="result-owner" safe>
            {ctx.t(ownerText(m.service))}
          </p>
          {m.benefits
            .filter((b) => b.eligible)
            .map((b) => (
              <p class="match-amount" safe>
                {`${ctx.t(b.name)}：${ctx.t(amountText(b.monthlyAmount))}`}
              </p>
            ))}
          <details class="match-reasons" open={m.verdict !== 'check'}>
            <summary>{ctx.h({ ja: '対象になる・ならない理由', en: 'Why it applies or not' })}</summary>
            <ul class="reason-list">
              {m.reasons.map((r) => (
                <li safe>{ctx.t(r)}</li>
              ))}
            </ul>
          </details>
        </li>
      ))}
    </ol>
  );
}

export interface LifeEventResult {
  municipalityName: string;
  matches: ServiceMatch[];
  estimates: BenefitEstimate[];
  incomeGiven: boolean;
}

export function LifeEventPage(props: {
  ctx: PageContext;
  eventId: string;
  values: HouseholdValues;
  participating: Participating[];
  errors: FieldError[];
  result: LifeEventResult | null;
  today: string;
}): JSX.Element {
  const { ctx, result } = props;
  const event = lifeEventLabel(props.eventId);
  const entry = ENTRY_EVENTS.find((e) => e.id === props.eventId);
  const counts = result ? { likely: result.matches.filter((m) => m.verdict === 'likely').length, all: result.matches.length } : null;
  return (
    <Layout ctx={ctx} title={event}>
      <p class="lead">
        {entry ? (
          <span safe>{`${ctx.t({ ja: '主なサービス：', en: 'Main services: ' })}${ctx.t(entry.description)}`}</span>
        ) : (
          ''
        )}
      </p>
      <ErrorSummary ctx={ctx} errors={props.errors} />
      {result && counts ? (
        <section class="life-event-results" aria-labelledby="results-title">
          <h2 id="results-title" safe>
            {ctx.t({ ja: `${result.municipalityName}の「${event.ja}」のサービス`, en: `Services for “${event.en}” in ${result.municipalityName}` })}
          </h2>
          <p class="result-count" role="status" safe>
            {ctx.t({ ja: `${counts.all} 件（うち対象の見込み ${counts.likely} 件）`, en: `${counts.all} services (${counts.likely} likely to apply)` })}
          </p>
          <p class="estimate-caveat">
            {ctx.h({
              ja: 'これは入力された内容にもとづく見込みです。実際に受けられるかどうかや金額は、申請後の審査で決まります。',
              en: 'This is an estimate from what you entered. Whether you receive a service, and how much, is decided when you apply.',
            })}
          </p>
          <h3>{ctx.h({ ja: '手当の月額の見込み', en: 'Estimated allowances a month' })}</h3>
          {result.incomeGiven ? (
            ''
          ) : (
            <p class="hint">
              {ctx.h({
                ja: '所得額が入力されていないため、所得によって変わる手当は「0円〜最大額」の範囲で表示しています。',
                en: 'No income was entered, so allowances that depend on income are shown as a range from nothing to the full amount.',
              })}
            </p>
          )}
          <AmountChart ctx={ctx} estimates={result.estimates} />
          <details class="estimate-details">
            <summary>{ctx.h({ ja: '手当ごとの理由を見る', en: 'See the reasons for each allowance' })}</summary>
            <EstimateDetails ctx={ctx} estimates={result.estimates} />
          </details>
          <h3>{ctx.h({ ja: 'サービスの一覧', en: 'Services' })}</h3>
          <MatchList ctx={ctx} matches={result.matches} today={props.today} />
          {result.matches.length >= 2 && (props.values.municipality || props.values.municipalityCode) ? (
            <p>
              <a class="button" href={`/applications/bundles/new?lifeEvent=${encodeURIComponent(props.eventId)}&municipality=${encodeURIComponent(props.values.municipality || props.values.municipalityCode)}`}>
                {ctx.h({ ja: 'いくつかのサービスをまとめてオンライン申請する', en: 'Apply online for several of these together' })}
              </a>
            </p>
          ) : (
            ''
          )}
          <h2>{ctx.h({ ja: '条件を変えて調べる', en: 'Change your answers' })}</h2>
        </section>
      ) : (
        <p>
          {ctx.h({
            ja: 'お住まいの市区町村と世帯の状況を入力してください。対象になりそうなサービスと、手当の月額の見込みを表示します。',
            en: 'Enter where you live and who is in your household. We show the services that may apply and the estimated monthly allowances.',
          })}
        </p>
      )}
      <HouseholdForm ctx={ctx} eventId={props.eventId} values={props.values} participating={props.participating} errors={props.errors} />
      <p class="back-link">
        <a href="/life-events">{ctx.h({ ja: 'ほかのライフイベントを選ぶ', en: 'Choose another life event' })}</a>
      </p>
    </Layout>
  );
}
