// One formatter per time zone, made once: a new Intl.DateTimeFormat per call allocates ICU objects outside
// the V8 heap that are freed only at a full GC, so at a few thousand requests per second the process grew
// by gigabytes (docs/PERFORMANCE.md, "Memory").
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    // en-CA formats as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** The shop's calendar date (YYYY-MM-DD) at this instant, in its own time zone. */
export function shopToday(timeZone: string, now: Date = new Date()): string {
  return formatterFor(timeZone).format(now)
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/**
 * A real calendar date written YYYY-MM-DD, in the range PostgreSQL's `date` accepts from a 4-digit year
 * (0001-01-01 to 9999-12-31). `Date.parse` alone lets 2025-02-30 through (it rolls over to March), and
 * PostgreSQL then fails the statement: a client's typo must be a 400, not a 500.
 */
export function isCalendarDate(text: string): boolean {
  const m = ISO_DATE.exec(text)
  if (!m) return false
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  if (year < 1 || month < 1 || month > 12 || day < 1) return false
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  return day <= (month === 2 ? (leap ? 29 : 28) : (DAYS_IN_MONTH[month - 1] ?? 0))
}
