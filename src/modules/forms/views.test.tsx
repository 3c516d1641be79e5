import assert from 'node:assert/strict';
import { test } from 'node:test';
import Html from '@kitajs/html';
import type { PageContext } from '../../web/page.ts';
import { cleanFormData, validateFormData } from './index.ts';
import { validData, versionOf } from './test-builders.ts';
import { CheckAnswers, FormStep, fieldIdOf } from './views.tsx';

function ctx(lang: 'ja' | 'en' = 'ja'): PageContext {
  return { lang, path: '/', area: 'resident', t: (t) => t[lang], h: (t) => Html.escapeHtml(t[lang]), user: null, csrfToken: 'tok' };
}

test('given errors, when a step is rendered, then the summary links to each field, which is marked invalid and described by its error', async () => {
  const version = versionOf();
  const errors = validateFormData(version, {}, { stepId: 'applicant' });
  const html = await (<FormStep ctx={ctx()} version={version} stepId="applicant" values={{}} errors={errors} action="/apply" />);
  assert.match(html, /<a href="#f-applicant-kana">フリガナを入力してください<\/a>/);
  assert.match(html, /id="f-applicant-kana"[^>]*aria-invalid="true"[^>]*aria-describedby="f-applicant-kana-error"/);
  assert.match(html, /<p id="f-applicant-kana-error" class="field-error">/);
  assert.match(html, /name="_csrf" value="tok"/);
});

test('given a condition on the same page, when rendered, then the section is shown with a note saying when it applies', async () => {
  const html = await (<FormStep ctx={ctx()} version={versionOf()} stepId="applicant" values={{}} action="/apply" />);
  assert.match(html, /「配偶者の有無」で「はい」を選んだ場合に回答してください/);
});

test('given a repeating group, when rendered, then rows have add and remove buttons that submit the form, and the local section is marked', async () => {
  const data = validData();
  data.children = [{ name: '"><script>x</script>' }, { name: 'B' }];
  const html = await (<FormStep ctx={ctx('en')} version={versionOf()} stepId="children" values={data} action="/apply" />);
  assert.match(html, /name="_action" value="add:children"/);
  assert.match(html, /name="_action" value="remove:children:1"/);
  assert.match(html, /name="children\[1\]\.name" value="B"/);
  assert.ok(!html.includes('"><script>x'), 'values are escaped');
  assert.match(html, /data-local="true"/);
  assert.match(html, /Asked by your municipality/);
});

test('given cleaned data, when answers are checked, then option labels and yes/no are shown and each step has a change link', async () => {
  const version = versionOf();
  const html = await (<CheckAnswers ctx={ctx()} version={version} data={cleanFormData(version, validData())} changeHref={(s) => `/apply/${s}`} />);
  assert.match(html, /<dd>男<\/dd>/);
  assert.match(html, /<dd>いいえ<\/dd>/);
  assert.match(html, /href="\/apply\/children"/);
  assert.ok(!html.includes('配偶者の氏名'), 'the hidden spouse section is not listed');
});

test('field ids are stable and valid for anchors', () => {
  assert.equal(fieldIdOf('children[0].name'), 'f-children-0-name');
});
