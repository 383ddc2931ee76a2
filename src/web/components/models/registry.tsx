import type { TrainingService } from '../../../services/ml-training.js'
import { fmtNumber, fmtTime, fmtWhole } from '../manage/format.js'
import { ScrollBox } from '../manage/scroll.js'

export type MlStatus = Awaited<ReturnType<TrainingService['status']>>
export type Run = Awaited<ReturnType<TrainingService['runs']>>[number]

interface Metrics {
  mae: number
  rmse: number
  r2: number
  n: number
}
interface TargetReport {
  algorithm?: string
  metrics?: Metrics
  naive?: Metrics
  interval?: { level: number; low: number; high: number }
}
const TARGETS = [
  { key: 'days', label: 'Turnaround (days)', unit: ' days' },
  { key: 'price', label: 'Price (dollars)', unit: ' $' },
] as const

/** The registry's per-target report (jsonb, typed loosely there): what this page shows of it. */
function reportOf(metrics: unknown, target: string): TargetReport {
  const all = metrics && typeof metrics === 'object' ? (metrics as Record<string, TargetReport>) : {}
  return all[target] ?? {}
}

/** How much better than the naive baseline (predicting the mean), in words: colour never carries it. */
function versusNaive(model?: Metrics, naive?: Metrics): string {
  if (!model || !naive || naive.mae === 0) return '–'
  const gain = (naive.mae - model.mae) / naive.mae
  if (Math.abs(gain) < 0.005) return 'same as naive'
  return `${Math.round(Math.abs(gain) * 100)}% ${gain > 0 ? 'better' : 'worse'} than naive`
}

/** The active model's holdout metrics beside the naive baseline, per target. */
export function ActiveModel({ active, timeZone }: { active: MlStatus['active']; timeZone: string }) {
  if (!active)
    return (
      <section aria-labelledby="active-model" id="active">
        <h2 id="active-model">Active model</h2>
        <p>
          No model is active yet: train one below (it needs at least the configured number of completed
          orders).
        </p>
      </section>
    )
  return (
    <section aria-labelledby="active-model" id="active">
      <h2 id="active-model">{`Active model #${active.id}`}</h2>
      <p>
        {`Trained ${fmtTime(active.trainedAt, timeZone)} (${fmtNumber(active.ageHours)} hours ago) on ${fmtWhole(active.samples)} completed orders, configuration ${active.config}, by ${active.triggeredBy}.`}
      </p>
      <ScrollBox label="Holdout metrics">
        <table class="metrics">
          <caption>Holdout metrics (the newest 20% of orders), model beside the naive baseline</caption>
          <thead>
            <tr>
              <th scope="col">Target</th>
              <th scope="col">Algorithm</th>
              <th scope="col" class="num">
                MAE model
              </th>
              <th scope="col" class="num">
                MAE naive
              </th>
              <th scope="col" class="num">
                RMSE model
              </th>
              <th scope="col" class="num">
                RMSE naive
              </th>
              <th scope="col" class="num">
                R² model
              </th>
              <th scope="col" class="num">
                R² naive
              </th>
              <th scope="col" class="num">
                Holdout orders
              </th>
              <th scope="col">Compared</th>
              <th scope="col">80% of errors within</th>
            </tr>
          </thead>
          <tbody>
            {TARGETS.map(({ key, label, unit }) => {
              const r = reportOf(active.metrics, key)
              const m = r.metrics
              const n = r.naive
              return (
                <tr id={`metrics-${key}`}>
                  <th scope="row">{label}</th>
                  <td>{r.algorithm ?? '–'}</td>
                  <td class="num">{m ? fmtNumber(m.mae) : '–'}</td>
                  <td class="num">{n ? fmtNumber(n.mae) : '–'}</td>
                  <td class="num">{m ? fmtNumber(m.rmse) : '–'}</td>
                  <td class="num">{n ? fmtNumber(n.rmse) : '–'}</td>
                  <td class="num">{m ? fmtNumber(m.r2) : '–'}</td>
                  <td class="num">{n ? fmtNumber(n.r2) : '–'}</td>
                  <td class="num">{m ? fmtWhole(m.n) : '–'}</td>
                  <td>{versusNaive(m, n)}</td>
                  <td>
                    {r.interval
                      ? `${fmtNumber(r.interval.low)} to +${fmtNumber(r.interval.high)}${unit}`
                      : '–'}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </ScrollBox>
      <p class="hint">
        MAE and RMSE: average and root-mean-square error, lower is better. R²: share of the variation
        explained, higher is better.
      </p>
    </section>
  )
}

function maeOf(metrics: unknown, target: string): string {
  const mae = reportOf(metrics, target).metrics?.mae
  return mae === undefined ? '–' : fmtNumber(mae)
}

export function ModelsTable({ models, timeZone }: { models: MlStatus['models']; timeZone: string }) {
  return (
    <ScrollBox label="Models in the registry">
      <table id="models">
        <caption>Models in the registry, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">State</th>
            <th scope="col">Trained</th>
            <th scope="col">Configuration</th>
            <th scope="col" class="num">
              Orders
            </th>
            <th scope="col" class="num">
              MAE days
            </th>
            <th scope="col" class="num">
              MAE price
            </th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {models.length === 0 && (
            <tr>
              <td colSpan={8}>No models yet.</td>
            </tr>
          )}
          {models.map((m) => (
            <tr>
              <th scope="row">{`#${m.id}`}</th>
              <td>
                <span class={`badge badge-${m.status}`}>{m.status}</span>
              </td>
              <td>{fmtTime(m.trainedAt, timeZone)}</td>
              <td>{m.config}</td>
              <td class="num">{fmtWhole(m.samples)}</td>
              <td class="num">{maeOf(m.metrics, 'days')}</td>
              <td class="num">{maeOf(m.metrics, 'price')}</td>
              <td>{m.statusReason ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  )
}

/** A finished run's outcome in words: the model it made and whether it became active, or the error. */
export function runOutcome(run: Run): string {
  const result = (run.result ?? {}) as {
    message?: string
    activated?: boolean
    reason?: string
    modelId?: number
  }
  if (run.status === 'running') return 'training…'
  if (run.status === 'failed') return `failed: ${result.message ?? 'no detail'}`
  const model = result.modelId ?? run.modelId
  return `model #${model} ${result.activated ? 'activated' : 'kept inactive'}${result.reason ? `: ${result.reason}` : ''}`
}

const seconds = (run: Run) =>
  run.finishedAt ? `${fmtNumber((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000)} s` : '–'

export function RunsTable({ runs, timeZone }: { runs: Run[]; timeZone: string }) {
  return (
    <ScrollBox label="Training runs">
      <table id="runs">
        <caption>Training runs, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">State</th>
            <th scope="col">Configuration</th>
            <th scope="col">By</th>
            <th scope="col" class="num">
              Took
            </th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {runs.length === 0 && (
            <tr>
              <td colSpan={6}>No training runs yet.</td>
            </tr>
          )}
          {runs.map((run) => (
            <tr>
              <th scope="row">{fmtTime(run.startedAt, timeZone)}</th>
              <td>
                <span class={`badge badge-${run.status}`}>{run.status}</span>
              </td>
              <td>{run.config}</td>
              <td>{run.triggeredBy}</td>
              <td class="num">{seconds(run)}</td>
              <td>{runOutcome(run)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  )
}
