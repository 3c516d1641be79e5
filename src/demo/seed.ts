// Demo data: the municipalities that use the platform in the demo, across two prefectures, each
// with its own way of receiving applications. Idempotent: running it twice changes nothing.
import type { Db } from '../platform/db/index.ts';
import { isValidLocalGovernmentCode, upsertProfile } from '../modules/municipalities/index.ts';
import { createDbTestPkiStore, issueTestCard } from '../modules/signatures/index.ts';
import { DEMO_MUNICIPALITIES, DEMO_RESIDENTS, type DemoLogin } from './demo-data.ts';
import { linkDemoResidents, seedDemoApiClients } from './seed-api-clients.ts';
import { seedDemoCatalogue } from './seed-catalogue.ts';
import { seedDemoStaff } from './seed-staff.ts';
import { seedDemoForms } from '../modules/forms/index.ts';

export { DEMO_MUNICIPALITIES, DEMO_RESIDENTS, type DemoLogin, type DemoMunicipality, type DemoResident } from './demo-data.ts';

export interface DemoSummary {
  municipalities: number;
  testCards: number;
  staffAccounts: number;
  apiClients: number;
  services: number;
  logins: DemoLogin[];
}

export async function seedDemo(db: Db, options: { publicUrl?: string } = {}): Promise<DemoSummary> {
  for (const m of DEMO_MUNICIPALITIES) {
    if (!isValidLocalGovernmentCode(m.code)) throw new Error(`demo municipality ${m.code} has a wrong check digit`);
    await upsertProfile(db.kysely, { municipalityCode: m.code, receiptMethod: m.receiptMethod, contactDepartment: m.contactDepartment, mode: m.mode });
  }
  const store = createDbTestPkiStore(db);
  const logins: DemoLogin[] = [];
  for (const r of DEMO_RESIDENTS) {
    await issueTestCard({
      store,
      id: r.cardId,
      resident: r.resident,
      signaturePin: r.signaturePin,
      authenticationPin: r.authenticationPin,
      ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    });
    logins.push({
      who: `${r.resident.name} (resident)`,
      where: 'test card',
      login: r.cardId,
      secret: `PIN ${r.authenticationPin} (login), ${r.signaturePin} (signing)`,
    });
  }
  const staff = await seedDemoStaff(db);
  logins.push(...staff);
  const clients = await seedDemoApiClients(db);
  logins.push(...clients);
  await linkDemoResidents(db);
  const catalogue = await seedDemoCatalogue(db);
  await seedDemoForms(db);
  return {
    municipalities: DEMO_MUNICIPALITIES.length,
    testCards: DEMO_RESIDENTS.length,
    staffAccounts: staff.length,
    apiClients: clients.length,
    services: catalogue.services,
    logins,
  };
}
