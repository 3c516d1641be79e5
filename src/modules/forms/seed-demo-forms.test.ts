import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { seedDemoCatalogue } from '../../demo/seed-catalogue.ts';
import { ensureNationalProcedures } from '../catalogue/index.ts';
import { ensureMunicipalityMaster } from '../municipalities/index.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { formVersionForService, validateFormData } from './index.ts';
import { seedDemoForms } from './seed-demo-forms.ts';

describeOnDatabases('the demo forms', (ctx) => {
  before(async () => {
    await ensureMunicipalityMaster(ctx.db.kysely);
    await ensureNationalProcedures(ctx.db.kysely);
    await seedDemoCatalogue(ctx.db);
  });

  test('given the demo catalogue, when forms are seeded twice, then every focus service has a form and the second run links nothing', async () => {
    const first = await seedDemoForms(ctx.db);
    assert.equal(first.templates, 15);
    assert.ok(first.linkedServices > 0);
    const second = await seedDemoForms(ctx.db);
    assert.equal(second.linkedServices, 0);
    const unlinked = await ctx.db.kysely
      .selectFrom('services as s')
      .leftJoin('service_forms as f', 'f.service_id', 's.id')
      .select('s.id')
      .where('s.procedure_id', 'is not', null)
      .where('f.form_id', 'is', null)
      .execute();
    assert.deepEqual(unlinked, []);
  });

  test("given Shibuya's 児童手当 認定請求, then its form is the adopted template with Shibuya's own required field under local.*", async () => {
    const service = await ctx.db.kysely.selectFrom('services').select('id').where('municipality_code', '=', '131130').where('procedure_id', '=', 'child-allowance.certification').executeTakeFirstOrThrow();
    const version = (await formVersionForService(ctx.db, service.id))!;
    assert.equal(version.municipalityCode, '131130');
    const errors = validateFormData(version, {}, { stepId: 'confirm' });
    assert.ok(errors.some((e) => e.field === 'local.shibuya.childcareNewsletter'));
    const other = await ctx.db.kysely.selectFrom('services').select('id').where('municipality_code', '=', '141003').where('procedure_id', '=', 'child-allowance.certification').executeTakeFirst();
    if (other) assert.equal((await formVersionForService(ctx.db, other.id))!.municipalityCode, null, 'others use the national template');
  });
});
