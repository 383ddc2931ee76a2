// Number and time formats of the analytics, models and admin pages: one formatter each, made once (a new
// Intl object per call costs memory outside the heap; docs/PERFORMANCE.md, "Memory").

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
// signDisplay 'negative': a value that rounds to zero shows as 0, not -0.
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, signDisplay: 'negative' })
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' })
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 })
const times = new Map<string, Intl.DateTimeFormat>()

export const fmtWhole = (n: number) => whole.format(n)
export const fmtNumber = (n: number) => decimal.format(n)
export const fmtMoney = (n: number) => money.format(n)
export const fmtPercent = (share: number) => percent.format(share)
export const fmtOptional = (n: number | null | undefined, unit = '') =>
  n === null || n === undefined ? 'none yet' : `${decimal.format(n)}${unit}`

/** A moment as the shop reads it: `2026-11-29 14:05` in the shop's time zone. */
export function fmtTime(value: Date | string | null | undefined, timeZone: string): string {
  if (value === null || value === undefined) return '–'
  let format = times.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
    times.set(timeZone, format)
  }
  return format.format(typeof value === 'string' ? new Date(value) : value)
}

/** A page-size or page number from a query string, within bounds, else the default. */
export function queryInt(value: unknown, fallback: number, min: number, max: number): number {
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value)) return fallback
  const n = Number(value)
  return n < min || n > max ? fallback : n
}
