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
