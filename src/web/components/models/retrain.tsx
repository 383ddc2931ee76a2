import { fmtTime } from '../manage/format.js'
import { type Run, runOutcome } from './registry.js'

const CONFIGS = [
  { value: 'auto', label: 'Automatic (tries both, keeps the better)' },
  { value: 'baseline', label: 'Baseline (linear, fastest)' },
  { value: 'boosted', label: 'Boosted trees' },
] as const

/**
 * A training run's progress. While it runs, htmx asks again every 2 s (the run is recorded in the database,
 * so any instance can answer); the answer to a finished run replaces the whole models content instead.
 */
export function RunPanel({ run, timeZone }: { run: Run; timeZone: string }) {
  if (run.status === 'running') {
    return (
      <div
        id="run-panel"
        class="progress-panel"
        hx-get={`/models/runs/${run.id}`}
        hx-trigger="every 2s"
        hx-swap="outerHTML"
      >
        <p role="status">
          <strong>Training…</strong>
          {` started ${fmtTime(run.startedAt, timeZone)} (${run.config}). This page updates by itself when it is done.`}
        </p>
        <progress aria-label="Training progress" />
        <p>
          <a href={`/models?run=${run.id}`}>Check again</a> (without JavaScript)
        </p>
      </div>
    )
  }
  const failed = run.status === 'failed'
  return (
    <div id="run-panel" class={`progress-panel ${failed ? 'panel-error' : 'panel-ok'}`}>
      <p role={failed ? 'alert' : 'status'}>
        <strong>{failed ? 'Training failed' : 'Training finished'}</strong>
        {`: ${runOutcome(run)}.`}
      </p>
    </div>
  )
}

export interface RetrainProps {
  run?: Run | undefined
  /** The refusal of the last attempt: training in progress (409), too little data (422). */
  message?: string | undefined
  config?: string | undefined
  timeZone: string
}

export function Retrain({ run, message, config = 'auto', timeZone }: RetrainProps) {
  const running = run?.status === 'running'
  return (
    <section aria-labelledby="retrain-heading" id="retrain">
      <h2 id="retrain-heading">Retrain</h2>
      <p class="hint">
        Trains on every completed order; the new model becomes active only if it is not worse than the active
        one.
      </p>
      {message && (
        <p class="error-message" role="alert" id="retrain-message">
          {message}
        </p>
      )}
      {run && <RunPanel run={run} timeZone={timeZone} />}
      <form method="post" action="/models/retrain" class="inline-form">
        <label for="f-config">Configuration</label>
        <select id="f-config" name="config">
          {CONFIGS.map((c) => (
            <option value={c.value} selected={c.value === config}>
              {c.label}
            </option>
          ))}
        </select>
        <button type="submit" disabled={running} aria-describedby={running ? 'run-panel' : undefined}>
          Retrain now
        </button>
      </form>
    </section>
  )
}
