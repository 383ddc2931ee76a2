import type { PredictionResult } from '../../../services/ml-predictions.js'
import type { FormState } from '../../form.js'
import { ErrorSummary, Field } from '../field.js'
import { fmtMoney, fmtNumber } from '../manage/format.js'

export const ITEM_ROWS = 3
export const FLAGS = [
  ['rush', 'Rush'],
  ['firmRush', 'Firm rush'],
  ['repairsNeeded', 'Repairs needed'],
  ['isCushion', 'Cushion order'],
] as const
export type EstimateField =
  | 'customerNo'
  | 'dateIn'
  | 'dateRequired'
  | 'storageTime'
  | (typeof FLAGS)[number][0]
  | `description${number}`
  | `size${number}`
  | `quantity${number}`

export const ESTIMATE_LABELS: Record<string, string> = {
  customerNo: 'Customer number (optional)',
  dateIn: 'Date in',
  dateRequired: 'Date required (optional)',
  storageTime: 'Storage',
  ...Object.fromEntries(
    Array.from({ length: ITEM_ROWS }, (_, i) => [
      [`description${i}`, `Item ${i + 1}: description`],
      [`size${i}`, `Item ${i + 1}: size`],
      [`quantity${i}`, `Item ${i + 1}: quantity`],
    ]).flat(),
  ),
}

export interface EstimateResult {
  prediction: PredictionResult
  items: { description: string; squareFeet: number | null; quantity: number }[]
}

function Result({ result }: { result: EstimateResult }) {
  const { days, price, estimatedCompletion, model, asOf } = result.prediction
  return (
    <div class="estimate" role="status" id="estimate-result">
      <h3>Estimate</h3>
      <dl class="facts">
        <dt>Turnaround</dt>
        <dd>{`${fmtNumber(days.predicted)} days (${Math.round(days.interval.level * 100)}% of past orders: ${fmtNumber(days.interval.low)} to ${fmtNumber(days.interval.high)} days)`}</dd>
        <dt>Ready about</dt>
        <dd>{estimatedCompletion}</dd>
        <dt>Price</dt>
        <dd>{`${fmtMoney(price.predicted)} (${Math.round(price.interval.level * 100)}% of past orders: ${fmtMoney(price.interval.low)} to ${fmtMoney(price.interval.high)})`}</dd>
        <dt>Items</dt>
        <dd>
          {result.items
            .map(
              (i) =>
                `${i.quantity} × ${i.description}: ${i.squareFeet === null ? 'size not understood' : `${fmtNumber(i.squareFeet)} sq ft`}`,
            )
            .join('; ')}
        </dd>
        <dt>Model</dt>
        <dd>{`#${model.id}, as of ${asOf}`}</dd>
      </dl>
    </div>
  )
}

/** A price and turnaround estimate for an order not yet entered (POST /ml/predict's capability). */
export function EstimateForm({
  state,
  result,
}: {
  state: FormState<EstimateField>
  result?: EstimateResult | undefined
}) {
  const v = state.values
  return (
    <section aria-labelledby="estimate-heading" id="estimate">
      <h2 id="estimate-heading">Estimate a draft order</h2>
      <form
        method="post"
        action="/models/estimate"
        novalidate
        hx-post="/models/estimate"
        hx-target="#estimate"
        hx-swap="outerHTML"
      >
        <ErrorSummary state={state} labels={ESTIMATE_LABELS} />
        <div class="items-grid">
          <Field
            name="customerNo"
            label={ESTIMATE_LABELS.customerNo ?? ''}
            inputMode="numeric"
            state={state}
          />
          <Field name="dateIn" label={ESTIMATE_LABELS.dateIn ?? ''} type="date" state={state} />
          <Field name="dateRequired" label={ESTIMATE_LABELS.dateRequired ?? ''} type="date" state={state} />
          <div class="field">
            <label for="f-storageTime">Storage</label>
            <select id="f-storageTime" name="storageTime">
              {[
                ['', 'None'],
                ['seasonal', 'Seasonal'],
                ['temporary', 'Temporary'],
              ].map(([value, label]) => (
                <option value={value} selected={(v.storageTime ?? '') === value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <fieldset class="checks">
          <legend>The order is</legend>
          {FLAGS.map(([name, label]) => (
            <label>
              <input type="checkbox" name={name} value="on" checked={v[name] === 'on'} />
              {label}
            </label>
          ))}
        </fieldset>
        {Array.from({ length: ITEM_ROWS }, (_, i) => (
          <fieldset class="item-fields">
            <legend>{i === 0 ? 'Item 1' : `Item ${i + 1} (optional)`}</legend>
            <div class="items-grid">
              <Field name={`description${i}`} label="Description" state={state} />
              <Field name={`size${i}`} label="Size" hint={`e.g. 8x10 or 8'6" x 12'`} state={state} />
              <Field name={`quantity${i}`} label="Quantity" inputMode="numeric" state={state} />
            </div>
          </fieldset>
        ))}
        <button type="submit">Estimate</button>
      </form>
      {result && <Result result={result} />}
    </section>
  )
}
