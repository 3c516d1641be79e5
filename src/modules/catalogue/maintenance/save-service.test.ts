import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ensureNationalProcedures } from '../ensure-procedures.ts';
import { ensureMunicipalityMaster } from '../../municipalities/index.ts';
import { describeOnDatabases } from '../../../platform/testing/database.ts';
import { selectServiceVersions } from '../repository.ts';
import { adoptService, createService, setServiceStatus, updateService, type Writer } from './save-service.ts';

const shibuya: Writer = { kind: 'municipality', municipalityCode: '131130', label: 'shibuya.editor' };
const yokohama: Writer = { kind: 'municipality', municipalityCode: '141003', label: 'yokohama.editor' };
const nation: Writer = { kind: 'national', label: 'national.admin' };

const input = {
  title: '子ども医療費助成',
  summary: '中学生までの医療費の自己負担を助成します。',
  categories: ['medical-subsidy'],
  lifeEvents: ['birth', 'moving-in'],
  applyMethods: ['counter', 'simple_online'],
  attachments: [{ name: '健康保険の資格確認書', required: true, originalRequired: false }],
};

describeOnDatabases('saving services', (ctx) => {
  before(async () => {
    await ensureMunicipalityMaster(ctx.db.kysely);
    await ensureNationalProcedures(ctx.db.kysely);
  });

  test('a municipality creates, edits and publishes its service; every change is a version', async () => {
    const created = await createService(ctx, shibuya, { input });
    assert.deepEqual([created.municipality_code, created.prefecture_code, created.status, created.version], ['131130', '13', 'draft', 1]);
    const edited = await updateService(ctx, shibuya, { id: created.id, input: { ...input, summary: '18歳年度末までに拡大しました。' }, expectedVersion: 1 });
    assert.equal(edited.version, 2);
    const published = await setServiceStatus(ctx, shibuya, { id: created.id, status: 'published' });
    assert.equal(published.status, 'published');
    assert.ok(published.published_at);
    const history = await selectServiceVersions(ctx.db.kysely, created.id);
    assert.deepEqual(history.map((h) => [h.version, h.change, h.changedBy]), [
      [3, 'published', 'shibuya.editor'],
      [2, 'updated', 'shibuya.editor'],
      [1, 'created', 'shibuya.editor'],
    ]);
    assert.equal((history[1]!.snapshot as { summary: string }).summary, '18歳年度末までに拡大しました。');
  });

  test('a stale edit is a conflict, not a silent overwrite', async () => {
    const created = await createService(ctx, shibuya, { input });
    await updateService(ctx, shibuya, { id: created.id, input, expectedVersion: 1 });
    await assert.rejects(updateService(ctx, shibuya, { id: created.id, input, expectedVersion: 1 }), { code: 'catalogue.version_conflict' });
  });

  test("another municipality can neither change nor publish the service: it does not exist for them", async () => {
    const created = await createService(ctx, shibuya, { input });
    await assert.rejects(updateService(ctx, yokohama, { id: created.id, input }), { code: 'catalogue.service_not_found' });
    await assert.rejects(setServiceStatus(ctx, yokohama, { id: created.id, status: 'published' }), { code: 'catalogue.service_not_found' });
  });

  test('invalid input names every field and writes nothing', async () => {
    const before = await ctx.db.kysely.selectFrom('services').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await assert.rejects(
      createService(ctx, shibuya, { input: { title: '', categories: ['nope'], acceptanceStart: '2026-04-01', detailUrl: 'javascript:alert(1)' } }),
      (error: { code: string; fields: Array<{ field: string }> }) => {
        assert.equal(error.code, 'catalogue.invalid_service');
        const fields = error.fields.map((f) => f.field);
        for (const f of ['/title', '/categories/0', '/detailUrl']) assert.ok(fields.includes(f), `${f} in ${fields.join(', ')}`);
        return true;
      },
    );
    await assert.rejects(createService(ctx, shibuya, { input: { title: 'x', acceptanceStart: '2026-04-02', acceptanceEnd: '2026-04-01' } }), (e: { fields: Array<{ rule: string }> }) => e.fields[0]?.rule === 'afterStart');
    const after = await ctx.db.kysely.selectFrom('services').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
  });

  test('the nation pre-registers a draft for a municipality, which adopts it', async () => {
    const pre = await createService(ctx, nation, { input, owner: { kind: 'municipality', municipalityCode: '141003' }, status: 'published' });
    assert.deepEqual([pre.municipality_code, pre.status], ['141003', 'draft']);
    assert.ok(pre.pre_registered_at);
    await assert.rejects(adoptService(ctx, { ...shibuya, kind: 'municipality' }, { id: pre.id }), { code: 'catalogue.service_not_found' });
    const adopted = await adoptService(ctx, { ...yokohama, kind: 'municipality' }, { id: pre.id });
    assert.ok(adopted.adopted_at);
    const history = await selectServiceVersions(ctx.db.kysely, pre.id);
    assert.deepEqual(history.map((h) => h.change), ['adopted', 'pre_registered']);
  });

  test('national services have no municipality and municipalities cannot touch them', async () => {
    const national = await createService(ctx, nation, { input: { ...input, title: '児童手当' }, status: 'published' });
    assert.deepEqual([national.municipality_code, national.prefecture_code, national.status], [null, null, 'published']);
    await assert.rejects(updateService(ctx, shibuya, { id: national.id, input }), { code: 'catalogue.service_not_found' });
  });
});
