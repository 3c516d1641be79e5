// onestop_evidence_witness_alarm{log}: 1 while a watched log stands accused by its latest
// conclusive look (an alarm not since followed by a verified look), else 0. Alert on any 1.
import { Gauge, type Registry } from 'prom-client';
import type { Db } from '../../platform/db/index.ts';
import { logStandings } from './repository/witness.ts';

export function registerWitnessMetrics(registry: Registry, db: Db): void {
  new Gauge({
    name: 'onestop_evidence_witness_alarm',
    help: "1 when this node's witness found an evidence log inconsistent, badly signed or with changed facts",
    labelNames: ['log'] as const,
    registers: [registry],
    async collect() {
      const standings = await logStandings(db.kysely).catch(() => null);
      if (!standings) return;
      this.reset();
      for (const s of standings) this.set({ log: s.logUrl }, s.standing?.status === 'alarm' ? 1 : 0);
    },
  });
}
