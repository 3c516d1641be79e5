// The evidence log on /metrics: how big it is, and how old its latest checkpoint is. A log that
// receives facts while the age climbs past a few intervals has a checkpointer that is not running.
import { Gauge, type Registry } from 'prom-client';
import type { Db } from '../../platform/db/index.ts';
import { latestCheckpoint } from './repository/checkpoints.ts';
import { latestHead } from './repository/log.ts';

export function registerEvidenceMetrics(registry: Registry, db: Db): void {
  new Gauge({
    name: 'onestop_evidence_log_size',
    help: 'Facts in the evidence log (leaves of its tree)',
    registers: [registry],
    async collect() {
      const head = await latestHead(db.kysely).catch(() => null);
      if (head) this.set(head.size);
    },
  });
  new Gauge({
    name: 'onestop_evidence_checkpoint_age_seconds',
    help: 'Seconds since the time of the latest signed checkpoint (NaN before the first); grows while nothing is appended',
    registers: [registry],
    async collect() {
      const checkpoint = await latestCheckpoint(db.kysely).catch(() => undefined);
      this.set(checkpoint ? Math.max(0, (Date.now() - checkpoint.time.getTime()) / 1000) : Number.NaN);
    },
  });
}
