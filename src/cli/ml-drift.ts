// The drift lines of `npm run check -- ml` (issue 19): the active model's live MAE over the last 30 days
// beside its holdout MAE, and an ALARM line per target past ML_DRIFT_RATIO.
import type { Config } from '../config.js'
import type { Db } from '../db/index.js'
import { shopToday } from '../domain/shop-date.js'
import { createPredictionService } from '../services/ml-predictions.js'
import { createSnapshotService } from '../services/ml-snapshots.js'

const quiet = { info: () => {}, warn: () => {} }

export async function driftLines(db: Db, config: Config): Promise<{ lines: string[]; alarm: boolean }> {
  const snapshots = createSnapshotService({
    db,
    predictions: createPredictionService({ db, timeZone: config.shopTimezone }),
    today: () => shopToday(config.shopTimezone),
    driftRatio: config.ml.driftRatio,
    log: quiet,
  })
  const { live } = await snapshots.performance(30)
  if (!live) return { lines: ['drift: no active model'], alarm: false }
  const f = (x: number | null, d = 2) => (x === null ? '-' : x.toFixed(d))
  const lines = (['days', 'price'] as const).map((t) => {
    const l = live[t]
    return (
      `drift: model #${live.modelId} ${t} live MAE ${f(l.liveMae)} over the last ${live.windowDays} days ` +
      `(${l.n} orders) vs holdout MAE ${f(l.holdoutMae)}: ratio ${f(l.ratio)} (alarm above ${live.driftRatio})`
    )
  })
  return { lines: [...lines, ...live.alarms.map((a) => `ALARM ${a}`)], alarm: live.alarms.length > 0 }
}
