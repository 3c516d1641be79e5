// What /admin/evidence shows, gathered in one place: the log as this node serves it and what this
// node's witness saw of every log it watches.
import type { EvidenceSettings } from '../../platform/config.ts';
import type { Db } from '../../platform/db/index.ts';
import type { EvidenceAdminView } from './pages/admin-page.tsx';
import type { EvidenceKeys } from './keys.ts';
import { latestCheckpoint } from './repository/checkpoints.ts';
import { latestHead } from './repository/log.ts';
import { logStandings, recentObservations } from './repository/witness.ts';
import { logKey } from './witness.ts';

/** Observations listed on the page (alarms of these first). */
const RECENT = 50;

export async function loadEvidenceAdminView(db: Db, settings: EvidenceSettings, keys: EvidenceKeys): Promise<EvidenceAdminView> {
  const checkpoint = await latestCheckpoint(db.kysely);
  const head = await latestHead(db.kysely);
  return {
    now: new Date(),
    origin: keys.origin,
    size: head.size,
    checkpoint: checkpoint ? { size: checkpoint.size, time: checkpoint.time, note: checkpoint.note } : null,
    keys: keys.published,
    configured: settings.witness.map((w) => logKey(w.url)),
    standings: await logStandings(db.kysely),
    recent: await recentObservations(db.kysely, RECENT),
  };
}
