import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../testing/app.ts';
import { encodeCp932 } from '../../../platform/testing/cp932.ts';
import { describeOnDatabases } from '../../../platform/testing/database.ts';
import { signedInStaff, type TestCaller } from '../../identity/testing.ts';

const CIVICHAT = new URL('../../../demo/data/civichat/', import.meta.url);

function form(values: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) for (const one of [v].flat()) params.append(k, one);
  return params.toString();
}

function multipart(fields: Record<string, string>): { payload: string; contentType: string } {
  const boundary = '----onestopboundary';
  const payload = Object.entries(fields)
    .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${name === 'file' ? '; filename="systems.json"' : ''}\r\n\r\n${value}\r\n`)
    .join('');
  return { payload: `${payload}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A form with one file part holding these bytes, as a browser sends it. */
function fileUpload(csrf: string, bytes: Buffer): { payload: Buffer; contentType: string } {
  const boundary = '----onestopfile';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="services.csv"\r\nContent-Type: text/csv\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

describeOnDatabases('service maintenance in the staff console', (ctx) => {
  let t: TestApp;
  let editor: TestCaller & { loginId: string };
  before(async () => {
    t = await buildTestApp(ctx.db);
    editor = await signedInStaff(ctx.db, { municipalityCode: '131130', roles: ['service_editor'] });
  });
  after(() => t.close());

  const get = (caller: TestCaller, url: string) => t.app.inject({ method: 'GET', url, cookies: caller.cookies, headers: { accept: 'text/html' } });
  const post = (caller: TestCaller, url: string, values: Record<string, string | string[]>) =>
    t.app.inject({ method: 'POST', url, cookies: caller.cookies, headers: { ...caller.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: form(values) });

  const full = {
    title: '一時保育事業',
    summary: '保護者の病気などのとき、お子さんを一時的にお預かりします。',
    eligibility: '区内在住の生後6か月から就学前のお子さん',
    applicant: '保護者',
    howToApply: '利用日の前月までに登録してください。',
    acceptanceStart: '2026-04-01',
    acceptanceEnd: '2027-03-31',
    department: '保育課',
    contact: '保育課（電話：03-3463-2483）',
    legalBasis: '児童福祉法 第6条の3',
    procedureId: '',
    categories: ['childcare', 'benefits'],
    lifeEvents: ['nursery'],
    applyMethods: ['simple_online', 'counter'],
    tags: '一時預かり、保育',
    thingsToBring: '母子健康手帳\n印鑑',
    attachmentRows: '2',
    'attachment-0-name': '就労証明書',
    'attachment-0-required': '1',
    'attachment-0-original': '1',
    'attachment-1-name': '',
    linkRows: '1',
    'link-0-title': '区のページ',
    'link-0-url': 'https://www.city.shibuya.tokyo.jp/',
  };

  async function createOne(): Promise<string> {
    const res = await post(editor, '/staff/services', full);
    assert.equal(res.statusCode, 303, res.body);
    return /\/staff\/services\/([0-9a-f-]{36})/.exec(res.headers.location as string)![1]!;
  }

  test('given an editor, when they create a service with every field, then it is a draft and the form shows it back', async () => {
    const id = await createOne();
    const page = await get(editor, `/staff/services/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /value="一時保育事業"/);
    assert.match(page.body, /id="attachment-0-original" name="attachment-0-original" value="1" checked/);
    assert.match(page.body, /id="categories-childcare" name="categories" value="childcare" checked/);
    assert.match(page.body, /<input type="hidden" name="version" value="1"/);
    assert.match(page.body, /下書き/);
    const list = await get(editor, '/staff/services?status=draft');
    assert.match(list.body, new RegExp(`/staff/services/${id}`));
    assert.doesNotMatch((await get(editor, '/staff/services?status=published')).body, new RegExp(`/staff/services/${id}`));
  });

  test('given a form with mistakes, then it comes back with an error summary linked to each field and what was typed', async () => {
    const res = await post(editor, '/staff/services', { ...full, title: '', acceptanceStart: '2026/13/01', 'link-0-url': 'ftp://nope' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /class="error-summary"/);
    for (const id of ['title', 'acceptanceStart', 'link-0-url']) assert.match(res.body, new RegExp(`href="#${id}"`), id);
    assert.match(res.body, /id="title"[^>]*aria-invalid="true"/);
    assert.match(res.body, /value="2026\/13\/01"/);
  });

  test('given two editors on one version, when the second saves, then it is a 409 with the message and nothing is lost silently', async () => {
    const id = await createOne();
    assert.equal((await post(editor, `/staff/services/${id}`, { ...full, summary: '最初の変更', version: '1' })).statusCode, 303);
    const stale = await post(editor, `/staff/services/${id}`, { ...full, summary: '古い版からの変更', version: '1' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /ほかの人がこのサービスを変更しました/);
    assert.match(stale.body, /古い版からの変更/);
  });

  test('given a draft, when it is published, previewed and unpublished, then the history says who did what and what changed', async () => {
    const id = await createOne();
    await post(editor, `/staff/services/${id}`, { ...full, summary: '内容を変えました', version: '1' });
    const published = await post(editor, `/staff/services/${id}/publish`, { version: '2' });
    assert.equal(published.statusCode, 303);
    assert.equal(published.headers.location, `/staff/services/${id}?done=published`);
    const preview = await get(editor, `/staff/services/${id}/preview`);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /就労証明書/);
    assert.match(preview.body, /別途原本の提出が必要/);
    assert.match(preview.body, /オンライン申請（簡易申請）/);
    assert.equal((await post(editor, `/staff/services/${id}/unpublish`, { version: '3' })).statusCode, 303);
    const history = await get(editor, `/staff/services/${id}/history`);
    assert.equal(history.statusCode, 200);
    const rows = history.body.split('<tr>').slice(2);
    assert.equal(rows.length, 4);
    assert.match(rows[0]!, /公開停止/);
    assert.match(rows[2]!, /更新[\s\S]*概要/);
    assert.ok(rows.every((r) => r.includes(editor.loginId)));
  });

  test('given another municipality or a viewer, then the service does not exist for them or the page is refused', async () => {
    const id = await createOne();
    const yokohama = await signedInStaff(ctx.db, { municipalityCode: '141003', roles: ['service_editor'] });
    assert.equal((await get(yokohama, `/staff/services/${id}`)).statusCode, 404);
    assert.equal((await post(yokohama, `/staff/services/${id}/publish`, {})).statusCode, 404);
    const viewer = await signedInStaff(ctx.db, { municipalityCode: '131130', roles: ['viewer'] });
    assert.equal((await get(viewer, '/staff/services')).statusCode, 403);
    assert.equal((await get(editor, '/staff/services/not-a-uuid')).statusCode, 404);
  });

  test('given a file, when it is uploaded, then the dry run reports and saves nothing; confirming imports it', async () => {
    const content = await readFile(new URL('shibuya-parenting-systems.json', CIVICHAT), 'utf8');
    const admin = await signedInStaff(ctx.db, { municipalityCode: '131130', roles: ['municipality_admin'] });
    const upload = multipart({ _csrf: admin.headers['x-csrf-token']!, file: content });
    const dry = await t.app.inject({ method: 'POST', url: '/staff/services/import', cookies: admin.cookies, headers: { 'content-type': upload.contentType }, payload: upload.payload });
    assert.equal(dry.statusCode, 200, dry.body.slice(0, 500));
    assert.match(dry.body, /取り込む前の確認/);
    assert.match(dry.body, /<dt>作成される<\/dt><dd>32<\/dd>/);
    const hidden = /name="content" value="([^"]+)"/.exec(dry.body)![1]!;
    const confirm = multipart({ _csrf: admin.headers['x-csrf-token']!, content: hidden, confirm: '1' });
    const done = await t.app.inject({ method: 'POST', url: '/staff/services/import', cookies: admin.cookies, headers: { 'content-type': confirm.contentType }, payload: confirm.payload });
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /<dt>作成した<\/dt><dd>32<\/dd>/);
    const csv = await get(admin, '/staff/services/export.csv');
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-disposition'] as string, /services-131130\.csv/);
    assert.ok(csv.body.includes('東京都母子及び父子福祉資金'));
  });

  test('given a Shift_JIS (CP932) file, when it is uploaded, then it reads as its UTF-8 twin; a UTF-16 file is refused saying why', async () => {
    const admin = await signedInStaff(ctx.db, { municipalityCode: '141003', roles: ['municipality_admin'] });
    const csv = 'サービスID,タイトル（制度名）,概要,利用・申請方法\r\nsjis-1,一時保育,保護者の通院のとき～,窓口\r\nsjis-2,産後ケア,①宿泊型,電話\r\nsjis-3,ファミリー・サポート,㈱と協力,"-申込書"\r\n';
    const upload = async (bytes: Buffer, confirm?: string) => {
      const form = confirm ? multipart({ _csrf: admin.headers['x-csrf-token']!, content: confirm, confirm: '1' }) : fileUpload(admin.headers['x-csrf-token']!, bytes);
      return t.app.inject({ method: 'POST', url: '/staff/services/import', cookies: admin.cookies, headers: { 'content-type': form.contentType }, payload: form.payload });
    };
    const dry = await upload(encodeCp932(csv));
    assert.equal(dry.statusCode, 200, dry.body.slice(0, 500));
    assert.match(dry.body, /<dt>作成される<\/dt><dd>3<\/dd>/);
    assert.match(dry.body, /<dt>取り込めない<\/dt><dd>0<\/dd>/);
    const done = await upload(Buffer.alloc(0), /name="content" value="([^"]+)"/.exec(dry.body)![1]!);
    assert.match(done.body, /<dt>作成した<\/dt><dd>3<\/dd>/);
    const stored = await ctx.db.kysely.selectFrom('services').select(['title', 'summary', 'how_to_apply']).where('municipality_code', '=', '141003').where('external_id', 'like', 'sjis-%').orderBy('external_id').execute();
    assert.deepEqual(stored.map((r) => [r.title, r.summary, r.how_to_apply]), [
      ['一時保育', '保護者の通院のとき～', '窓口'],
      ['産後ケア', '①宿泊型', '電話'],
      ['ファミリー・サポート', '㈱と協力', '-申込書'],
    ]);
    const twin = await upload(Buffer.from(csv, 'utf8'));
    assert.match(twin.body, /<dt>変更なし<\/dt><dd>3<\/dd>/);

    const utf16 = await upload(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]));
    assert.equal(utf16.statusCode, 400);
    assert.match(utf16.body, /UTF-8 または Shift_JIS（CP932）のテキストではありません/);
    assert.doesNotMatch(utf16.body, /サービスIDがありません/);
  });

  test('given the national side, when it pre-registers a service for Shibuya, then Shibuya sees a banner and adopts it', async () => {
    const national = await signedInStaff(ctx.db, { roles: ['national_admin'] });
    const created = await post(national, '/staff/national/services', { title: '児童手当（事前登録）', ownerCode: '131130', attachmentRows: '0', linkRows: '0' });
    assert.equal(created.statusCode, 303, created.body);
    const id = /services\/([0-9a-f-]{36})/.exec(created.headers.location as string)![1]!;
    const bad = await post(national, '/staff/national/services', { title: 'x', ownerCode: '999999' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#ownerCode"/);
    const overview = await get(national, '/staff/national/services');
    assert.match(overview.body, /児童手当（事前登録）/);
    assert.match(overview.body, /未採用/);

    const page = await get(editor, `/staff/services/${id}`);
    assert.match(page.body, /国が事前登録しました/);
    assert.match(page.body, new RegExp(`action="/staff/services/${id}/adopt"`));
    const adopted = await post(editor, `/staff/services/${id}/adopt`, {});
    assert.equal(adopted.statusCode, 303);
    assert.doesNotMatch((await get(editor, `/staff/services/${id}`)).body, /国が事前登録しました/);
    assert.equal((await get(editor, '/staff/national/services')).statusCode, 403);

    const nationalService = await post(national, '/staff/national/services', { title: '国の制度', ownerCode: '' });
    assert.equal(nationalService.statusCode, 303);
    assert.equal((await get(editor, nationalService.headers.location as string)).statusCode, 403);
  });

  test('the console home links to the services', async () => {
    const home = await get(editor, '/staff');
    assert.match(home.body, /href="\/staff\/services"/);
  });
});
