import type { Target } from '../../../ml/train.js'
import type { Performance } from '../../../services/ml-snapshots.js'
import { Chart, NumbersTable } from '../analytics/chart.js'
import { fmtMoney, fmtNumber, fmtPercent, fmtWhole } from '../manage/format.js'

/** One week of one target, all models together (weighted by orders), both stages. */
export interface PerformanceWeek {
  week: string
  n: number
  latestMae: number
  latestCoverage: number
  firstMae: number
  firstCoverage: number
}

const TARGETS: readonly { key: Target; label: string; unit: string; fmt: (n: number) => string }[] = [
  { key: 'days', label: 'Turnaround', unit: 'days', fmt: (n) => `${fmtNumber(n)} days` },
  { key: 'price', label: 'Price', unit: 'dollars', fmt: fmtMoney },
]

/** Weekly scores of one target, the models of a week merged (MAE and coverage weighted by orders). */
export function weeksOf(weekly: Performance['weekly'], target: Target): PerformanceWeek[] {
  const byWeek = new Map<string, { first: [number, number, number]; latest: [number, number, number] }>()
  for (const w of weekly) {
    if (w.target !== target) continue
    const g = byWeek.get(w.week) ?? { first: [0, 0, 0], latest: [0, 0, 0] }
    const acc = g[w.stage]
    acc[0] += w.n
    acc[1] += w.mae * w.n
    acc[2] += w.coverage * w.n
    byWeek.set(w.week, g)
  }
  return [...byWeek]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([week, { first, latest }]) => ({
      week,
      n: latest[0],
      latestMae: latest[0] ? latest[1] / latest[0] : 0,
      latestCoverage: latest[0] ? latest[2] / latest[0] : 0,
      firstMae: first[0] ? first[1] / first[0] : 0,
      firstCoverage: first[0] ? first[2] / first[0] : 0,
    }))
}

/** The drift state of one target in words (the same comparison as the nightly check and `/ml/performance`). */
export function driftWords(live: Performance['live'], target: Target): string {
  if (!live) return 'No model is active, so there is nothing to compare.'
  const t = live[target]
  const fmt = TARGETS.find((x) => x.key === target)?.fmt ?? fmtNumber
  if (t.liveMae === null)
    return `No order predicted by model #${live.modelId} has completed in the last ${live.windowDays} days yet.`
  const base = `Live MAE ${fmt(t.liveMae)} over ${fmtWhole(t.n)} orders completed in the last ${live.windowDays} days`
  if (t.holdoutMae === null || t.ratio === null)
    return `${base}; the model has no holdout MAE to compare with.`
  const against = `${base}, ${fmtNumber(t.ratio)} × its holdout MAE of ${fmt(t.holdoutMae)} (the alarm is above ${fmtNumber(live.driftRatio)} ×, ML_DRIFT_RATIO)`
  if (t.alarm) return `Drift alarm: ${against}. Consider retraining.`
  if (t.ratio > live.driftRatio) return `Above the alarm ratio but on too few orders to raise it: ${against}.`
  return `No drift: ${against}.`
}

function TargetCharts({ perf, target }: { perf: Performance; target: (typeof TARGETS)[number] }) {
  const weeks = weeksOf(perf.weekly, target.key)
  const holdout = perf.live?.[target.key].holdoutMae ?? null
  const x = weeks.map((w) => w.week)
  const id = `perf-${target.key}`
  return (
    <section aria-labelledby={`${id}-heading`} id={id}>
      <h3 id={`${id}-heading`}>{target.label}</h3>
      <p class="drift" id={`${id}-drift`}>
        {driftWords(perf.live, target.key)}
      </p>
      {weeks.length === 0 ? (
        <p>{`No completed order with a recorded ${target.label.toLowerCase()} prediction since ${perf.from}.`}</p>
      ) : (
        <>
          <Chart
            id={`${id}-mae`}
            title={`${target.label}: mean absolute error per week of completion (${target.unit})`}
            note="Lower is better. Live: the last prediction before the order completed; at entry: the first one."
            spec={{
              kind: 'time',
              x,
              unit: target.unit,
              series: [
                { label: 'Live MAE (last prediction)', values: weeks.map((w) => w.latestMae) },
                { label: 'Live MAE (at entry)', values: weeks.map((w) => w.firstMae) },
                ...(holdout === null
                  ? []
                  : [{ label: 'Holdout MAE (active model)', values: weeks.map(() => holdout) }]),
              ],
            }}
          >
            <NumbersTable
              caption={`${target.label}: MAE per week`}
              rows={weeks}
              columns={[
                { label: 'Week of', cell: (w) => w.week },
                { label: 'Orders', cell: (w) => fmtWhole(w.n), numeric: true },
                { label: 'Live MAE (last)', cell: (w) => target.fmt(w.latestMae), numeric: true },
                { label: 'Live MAE (at entry)', cell: (w) => target.fmt(w.firstMae), numeric: true },
                {
                  label: 'Holdout MAE',
                  cell: () => (holdout === null ? '–' : target.fmt(holdout)),
                  numeric: true,
                },
              ]}
            />
          </Chart>
          <Chart
            id={`${id}-coverage`}
            title={`${target.label}: share of actual values inside the predicted range, per week`}
            note="Higher is better: the share of orders whose real value fell inside the interval shown with the prediction."
            spec={{
              kind: 'time',
              x,
              unit: 'percent',
              series: [
                { label: 'Coverage (last prediction)', values: weeks.map((w) => w.latestCoverage * 100) },
                { label: 'Coverage (at entry)', values: weeks.map((w) => w.firstCoverage * 100) },
              ],
            }}
          >
            <NumbersTable
              caption={`${target.label}: interval coverage per week`}
              rows={weeks}
              columns={[
                { label: 'Week of', cell: (w) => w.week },
                { label: 'Orders', cell: (w) => fmtWhole(w.n), numeric: true },
                { label: 'Coverage (last)', cell: (w) => fmtPercent(w.latestCoverage), numeric: true },
                { label: 'Coverage (at entry)', cell: (w) => fmtPercent(w.firstCoverage), numeric: true },
              ]}
            />
          </Chart>
        </>
      )}
    </section>
  )
}

/** "How good were the predictions": app.mlService.snapshots.performance(days), as GET /ml/performance. */
export function PredictionPerformance({ perf }: { perf: Performance }) {
  const empty = perf.weekly.length === 0
  return (
    <section aria-labelledby="performance-heading" id="performance">
      <h2 id="performance-heading">How good were the predictions</h2>
      <p>
        {`Every night each open order's turnaround and price are predicted and kept; when the order completes, the predictions are scored against what happened. Orders completed from ${perf.from} to ${perf.asOf}, by week of completion.`}
      </p>
      {empty ? (
        <p id="performance-empty">
          No order has been scored yet: scores appear once orders that were predicted (when entered, or by a
          nightly snapshot while open) are completed. A model must be active for predictions to be recorded.
        </p>
      ) : (
        TARGETS.map((t) => <TargetCharts perf={perf} target={t} />)
      )}
    </section>
  )
}
