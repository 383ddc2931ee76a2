// Scoring recorded predictions against what happened (issue 19): when an order completes, its prediction
// from its first day and the latest one before completion are compared with the real turnaround and
// price. Pure: snapshot rows and outcomes in, the figures GET /ml/performance shows out.
import { dateOfDay, dayNumber } from './features.js'
import type { Target } from './train.js'

export interface SnapshotRow {
  workOrderId: number
  snapshotDate: string
  kind: 'daily' | 'created'
  modelId: number
  days: { predicted: number; low: number; high: number }
  price: { predicted: number; low: number; high: number }
}

export interface Outcome {
  workOrderId: number
  dateIn: string
  dateCompleted: string
  /** null when an item has no price. */
  price: number | null
}

export type Stage = 'first' | 'latest'
export interface Score {
  n: number
  mae: number
  /** Share of actual values inside the predicted interval. */
  coverage: number
}
export interface WeekScore extends Score {
  week: string
  modelId: number
  target: Target
  stage: Stage
}
export interface TrendPoint extends Score {
  snapshotDate: string
  target: Target
}
export interface Scored {
  outcome: Outcome
  first: SnapshotRow
  latest: SnapshotRow
}

const actual = (o: Outcome, t: Target) =>
  t === 'days' ? dayNumber(o.dateCompleted) - dayNumber(o.dateIn) : o.price
/** Monday of the week a date falls in. */
export const weekOf = (date: string) => {
  const d = dayNumber(date)
  return dateOfDay(d - ((new Date(d * 86_400_000).getUTCDay() + 6) % 7))
}

class Acc {
  n = 0
  abs = 0
  inside = 0
  add(a: number, p: SnapshotRow['days']) {
    this.n++
    this.abs += Math.abs(a - p.predicted)
    if (a >= p.low && a <= p.high) this.inside++
  }
  score(): Score {
    return { n: this.n, mae: this.n ? this.abs / this.n : 0, coverage: this.n ? this.inside / this.n : 0 }
  }
}

/**
 * Each completed order with its first prediction (the one shown at creation, else the earliest nightly one)
 * and the latest nightly one taken before it completed; orders never predicted are left out.
 */
export function pairSnapshots(snapshots: readonly SnapshotRow[], outcomes: readonly Outcome[]): Scored[] {
  const byOrder = new Map<number, SnapshotRow[]>()
  for (const s of snapshots) {
    const list = byOrder.get(s.workOrderId)
    if (list) list.push(s)
    else byOrder.set(s.workOrderId, [s])
  }
  const scored: Scored[] = []
  for (const o of outcomes) {
    const list = (byOrder.get(o.workOrderId) ?? []).filter((s) => s.snapshotDate <= o.dateCompleted)
    if (!list.length) continue
    const created = list.find((s) => s.kind === 'created')
    const daily = list
      .filter((s) => s.kind === 'daily' && s.snapshotDate < o.dateCompleted)
      .sort((a, b) => (a.snapshotDate < b.snapshotDate ? -1 : 1))
    const first = created ?? daily[0]
    const latest = daily.at(-1) ?? created
    if (first && latest) scored.push({ outcome: o, first, latest })
  }
  return scored
}

const TARGETS: readonly Target[] = ['days', 'price']

/** MAE and interval coverage per week of completion, per model, per target, for both stages. */
export function weeklyScores(scored: readonly Scored[]): WeekScore[] {
  const groups = new Map<string, { key: Omit<WeekScore, keyof Score>; acc: Acc }>()
  for (const s of scored)
    for (const stage of ['first', 'latest'] as const)
      for (const target of TARGETS) {
        const a = actual(s.outcome, target)
        if (a === null) continue
        const snap = s[stage]
        const key = { week: weekOf(s.outcome.dateCompleted), modelId: snap.modelId, target, stage }
        const k = JSON.stringify(key)
        const g = groups.get(k) ?? { key, acc: new Acc() }
        g.acc.add(a, snap[target])
        groups.set(k, g)
      }
  return [...groups.values()]
    .map(({ key, acc }) => ({ ...key, ...acc.score() }))
    .sort((a, b) =>
      a.week !== b.week
        ? a.week < b.week
          ? -1
          : 1
        : a.modelId - b.modelId || a.target.localeCompare(b.target),
    )
}

export interface LiveTarget {
  n: number
  liveMae: number | null
  holdoutMae: number | null
  /** live / holdout; null when either is missing. */
  ratio: number | null
  alarm: boolean
}
export interface Live {
  modelId: number
  windowDays: number
  driftRatio: number
  days: LiveTarget
  price: LiveTarget
  /** One line per target in alarm, as the log and `npm run check -- ml` print it. */
  alarms: string[]
}

/** Below this many scored orders the live MAE is too noisy to raise an alarm. */
export const MIN_LIVE_ORDERS = 10
export const LIVE_WINDOW_DAYS = 30

/**
 * The active model's live MAE over orders completed in the last 30 days (scored on their latest prediction
 * by that model) beside its holdout MAE; an alarm when live exceeds holdout by more than the ratio.
 */
export function liveVersusHoldout(
  scored: readonly Scored[],
  model: { id: number; holdoutMae: Record<Target, number | null> },
  today: string,
  driftRatio: number,
): Live {
  const from = dateOfDay(dayNumber(today) - LIVE_WINDOW_DAYS)
  const recent = scored.filter((s) => s.outcome.dateCompleted >= from && s.latest.modelId === model.id)
  const alarms: string[] = []
  const per = (target: Target): LiveTarget => {
    const acc = new Acc()
    for (const s of recent) {
      const a = actual(s.outcome, target)
      if (a !== null) acc.add(a, s.latest[target])
    }
    const live = acc.n ? acc.score().mae : null
    const holdout = model.holdoutMae[target]
    const ratio = live !== null && holdout ? live / holdout : null
    const alarm = ratio !== null && acc.n >= MIN_LIVE_ORDERS && ratio > driftRatio
    if (alarm)
      alarms.push(
        `ML drift: model ${model.id} ${target} live MAE ${(live as number).toFixed(2)} over the last ` +
          `${LIVE_WINDOW_DAYS} days (${acc.n} orders) is ${(ratio as number).toFixed(2)}x its holdout MAE ` +
          `${(holdout as number).toFixed(2)} (ML_DRIFT_RATIO ${driftRatio})`,
      )
    return { n: acc.n, liveMae: live, holdoutMae: holdout, ratio, alarm }
  }
  const days = per('days')
  const price = per('price')
  return { modelId: model.id, windowDays: LIVE_WINDOW_DAYS, driftRatio, days, price, alarms }
}
