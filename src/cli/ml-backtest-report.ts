// How `npm run ml -- backtest` prints its report and writes its CSV (kept apart from the command so a
// test can check both against a hand computation).
import { stringify } from 'csv-stringify/sync'
import type { BacktestReport } from '../ml/backtest.js'

const f = (x: number, d: number) => x.toFixed(d)

export function reportLines(r: BacktestReport): string[] {
  const lines = [
    `backtest ${r.from} .. ${r.to}, config ${r.config}: trained on ${r.trainedOn} orders completed before ${r.from}; ` +
      `${r.rows.length} orders came in within the window`,
    `models: days ${r.algorithms.days}, price ${r.algorithms.price}`,
  ]
  for (const t of ['days', 'price'] as const) {
    const s = r.scores[t]
    const d = 2
    if (!s) {
      lines.push(`${t.padEnd(5)} no order with a known outcome in the window`)
      continue
    }
    const { model: m, naive: n } = s
    lines.push(
      `${t.padEnd(5)} n ${m.n}  model MAE ${f(m.mae, d)} RMSE ${f(m.rmse, d)} R² ${f(m.r2, 3)}  |  ` +
        `naive MAE ${f(n.mae, d)} RMSE ${f(n.rmse, d)} R² ${f(n.r2, 3)}  |  MAE ${f((1 - m.mae / n.mae) * 100, 0)}% below naive`,
    )
  }
  return lines
}

export function reportCsv(r: BacktestReport): string {
  return stringify(
    r.rows.map((x) => ({
      work_order_id: x.id,
      date_in: x.dateIn,
      actual_days: x.actualDays,
      predicted_days: x.predictedDays,
      days_low: x.daysLow,
      days_high: x.daysHigh,
      actual_price: x.actualPrice,
      predicted_price: x.predictedPrice,
      price_low: x.priceLow,
      price_high: x.priceHigh,
    })),
    { header: true, cast: { number: (v) => String(v) } },
  )
}
