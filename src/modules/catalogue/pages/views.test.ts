import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { estimateBenefits } from '../benefits/estimate-benefits.ts';
import { parseHousehold, emptyHouseholdValues } from './household-form.ts';
import { matchServices } from './match-services.ts';
import type { LifeEventServiceRow } from './repository.ts';
import { acceptanceOf, safeSnippetHtml } from './views.tsx';

describe('the search snippet, the one HTML let into the catalogue pages', () => {
  test('given escaped text with <mark>, then it is kept as it is', () => {
    const snippet = '児童手当は&lt;高校生&gt;まで &amp; <mark>保育</mark>園';
    assert.equal(safeSnippetHtml(snippet), snippet);
  });

  test('given any other markup, then it is escaped and the marks are dropped', () => {
    for (const [snippet, text] of [
      ['<mark>a</mark><script>alert(1)</script>', 'a&lt;script'],
      ['<mark onclick="x">a</mark>', '&lt;mark onclick='],
      ['<img src=x onerror=alert(1)>', '&lt;img src=x'],
    ] as const) {
      const out = String(safeSnippetHtml(snippet));
      assert.ok(!out.includes('<'), `no tag left in ${out}`);
      assert.ok(out.startsWith(text), out);
    }
  });

  test('given unbalanced or nested marks, then they are dropped', () => {
    assert.equal(safeSnippetHtml('<mark>a'), 'a');
    assert.equal(safeSnippetHtml('<mark><mark>a</mark></mark>'), 'a');
    assert.equal(safeSnippetHtml('</mark>a<mark>'), 'a');
  });
});

describe('acceptance periods', () => {
  test('open, not yet, closed, or all year, by the day in Japan', () => {
    assert.equal(acceptanceOf('2026-10-15', '2026-12-04', '2026-12-04'), 'open');
    assert.equal(acceptanceOf('2026-10-15', '2026-12-04', '2026-10-14'), 'not-yet');
    assert.equal(acceptanceOf('2026-10-15', '2026-12-04', '2026-12-05'), 'closed');
    assert.equal(acceptanceOf(null, '2026-12-04', '2026-01-01'), 'open');
    assert.equal(acceptanceOf(null, null, '2026-01-01'), 'always');
  });
});

function service(change: Partial<LifeEventServiceRow>): LifeEventServiceRow {
  return {
    id: '00000000-0000-4000-8000-000000000000',
    title: 't',
    summary: '',
    municipalityCode: '131130',
    prefectureCode: '13',
    categories: [],
    lifeEvents: ['single-parent'],
    applyMethods: [],
    benefitIds: [],
    acceptanceStart: null,
    acceptanceEnd: null,
    municipalityName: '渋谷区',
    prefectureName: '東京都',
    prefectureNameEn: 'Tokyo',
    myNumberProcedure: null,
    ...change,
  };
}

describe('why a service applies or not', () => {
  const TODAY = '2026-11-21';
  const values = { ...emptyHouseholdValues('131130'), singleParent: true, income1: '1000000' };
  values.children[0] = { ...values.children[0]!, birthDate: '2020-05-05' };
  const parsed = parseHousehold(values, TODAY);
  assert.ok(parsed.ok);
  const estimates = estimateBenefits(parsed.household.input).benefits;

  test('given a linked benefit the household gets, then likely, with the amount and the estimate reasons', () => {
    const [m] = matchServices({ services: [service({ benefitIds: ['child-rearing-allowance'] })], lifeEvent: 'single-parent', household: parsed.household, estimates });
    assert.equal(m!.verdict, 'likely');
    const amount = estimates.find((e) => e.id === 'child-rearing-allowance')!.monthlyAmount;
    assert.ok(m!.reasons.some((r) => r.ja.includes(`${amount.min.toLocaleString('en')}円`)));
    assert.ok(m!.reasons.some((r) => r.en.startsWith('Child-rearing allowance')));
    assert.ok(m!.reasons.some((r) => r.ja === '「ひとり親になった」に関係するサービスです。'));
  });

  test('given a linked benefit the household does not get, then unlikely and listed last', () => {
    const matches = matchServices({
      services: [service({ id: 'a', benefitIds: ['special-child-rearing-allowance'] }), service({ id: 'b' })],
      lifeEvent: 'single-parent',
      household: parsed.household,
      estimates,
    });
    assert.deepEqual(matches.map((m) => [m.service.id, m.verdict]), [['b', 'check'], ['a', 'unlikely']]);
  });

  test('given a single-parent service and a two-parent household, then unlikely with the reason', () => {
    const twoParents = parseHousehold({ ...values, singleParent: false }, TODAY);
    assert.ok(twoParents.ok);
    const [m] = matchServices({ services: [service({ categories: ['single-parent'] })], lifeEvent: 'single-parent', household: twoParents.household, estimates });
    assert.equal(m!.verdict, 'unlikely');
    assert.ok(m!.reasons.some((r) => r.ja.includes('入力ではひとり親世帯ではありません')));
  });
});
