// Parsers for single values of the legacy (MS-Access era) CSV export. Pure: no I/O, never throw.
import { parsePhoneNumberFromString } from 'libphonenumber-js'

/** A parsed value, or why the raw text could not be read (the caller prefixes the column name). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string }

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value })
const fail = <T>(raw: string, what: string): Parsed<T> => ({
  ok: false,
  error: `${JSON.stringify(raw)} ${what}`,
})

/** Trimmed text, or null when blank (or not a string at all). */
export function blankToNull(v: unknown): string | null {
  if (typeof v !== 'string') return null
  const t = v.trim()
  return t === '' ? null : t
}

const NUL = /\0/g
// U+FFFD is what the CSV reader makes of bytes that are not UTF-8; a lone surrogate cannot come from bytes
// but can from a string, and neither can be stored (PostgreSQL) or shown faithfully.
const MALFORMED = /\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * A legacy text value made storable, or why it cannot be. NUL characters are removed: Access exports pad
 * memo and fixed-width fields with them, they are invisible in every editor (so an operator could not
 * fix the file by hand), carry no meaning, and PostgreSQL text cannot hold them. Text that was not UTF-8
 * is refused instead: it is a file saved in another encoding (Windows-1252 from Excel), and storing the
 * replacement characters would silently damage names and sizes that a re-export as UTF-8 gets right.
 */
export function cleanLegacyText(
  v: string,
): { ok: true; value: string; removedNul: number } | { ok: false; error: string } {
  if (MALFORMED.test(v)) {
    return { ok: false, error: 'is not valid UTF-8 text (save the file as CSV UTF-8 and import it again)' }
  }
  const value = v.replace(NUL, '')
  return { ok: true, value, removedNul: v.length - value.length }
}

/** A header as the exporter meant it: NUL characters in a header name are as meaningless as in a value. */
export function cleanLegacyHeader(header: string): string {
  return header.replace(NUL, '').trim()
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', '-1', 't'])
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'f'])

/** True/False/Yes/No/Y/N/1/0/-1 (Access stores true as -1), any case; blank is null. */
export function parseLegacyBoolean(v: string): Parsed<boolean | null> {
  const t = blankToNull(v)
  if (t === null) return ok(null)
  const lower = t.toLowerCase()
  if (TRUE_WORDS.has(lower)) return ok(true)
  if (FALSE_WORDS.has(lower)) return ok(false)
  return fail(v, 'is not a yes/no value')
}

// Dates in the shop's era; anything outside is a typo (e.g. 0202 or 2202) rather than a real date.
const MIN_YEAR = 1900
const MAX_YEAR = 2099
const TIME = String.raw`(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp][Mm])?)?`
const ISO_DATE = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}$`)
const US_DATE = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})${TIME}$`)

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

/** YYYY-MM-DD, M/D/YYYY or M/D/YY (00-69 → 20xx), optionally with a time, to 'YYYY-MM-DD'; blank is null. */
export function parseLegacyDate(v: string): Parsed<string | null> {
  const t = blankToNull(v)
  if (t === null) return ok(null)
  let year: number
  let month: number
  let day: number
  const iso = ISO_DATE.exec(t)
  const us = iso ? null : US_DATE.exec(t)
  if (iso) {
    year = Number(iso[1])
    month = Number(iso[2])
    day = Number(iso[3])
  } else if (us) {
    month = Number(us[1])
    day = Number(us[2])
    const y = us[3] ?? ''
    year = y.length === 2 ? (Number(y) <= 69 ? 2000 : 1900) + Number(y) : Number(y)
  } else {
    return fail(v, 'is not a date')
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return fail(v, 'is not a date')
  if (year < MIN_YEAR || year > MAX_YEAR) return fail(v, `is outside ${MIN_YEAR}-${MAX_YEAR}`)
  const pad = (n: number) => String(n).padStart(2, '0')
  return ok(`${year}-${pad(month)}-${pad(day)}`)
}

const PRICE = /^(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d*)?$/
const MAX_PRICE = 99_999_999.99 // numeric(10, 2)

/** `$1,234.50`, `1234.5`, ` 45 ` → a number rounded half-up to cents; blank is null; negatives are errors. */
export function parseLegacyPrice(v: string): Parsed<number | null> {
  const t = blankToNull(v)
  if (t === null) return ok(null)
  if (/^-|^\(.*\)$/.test(t.replace(/^\$\s*/, ''))) return fail(v, 'is negative')
  const digits = t.replace(/^\$\s*/, '')
  if (!/\d/.test(digits) || !PRICE.test(digits)) return fail(v, 'is not a price')
  const [whole = '', frac = ''] = digits.replaceAll(',', '').split('.')
  // Round on the decimal digits, not on a float, so 1.005 becomes 1.01.
  let cents = Number(whole || '0') * 100 + Number(frac.padEnd(2, '0').slice(0, 2))
  if (Number(frac[2] ?? '0') >= 5) cents += 1
  const value = cents / 100
  if (!Number.isFinite(value) || value > MAX_PRICE) return fail(v, 'is too large')
  return ok(value)
}

const MAX_INT = 2_147_483_647 // PostgreSQL integer

/** A non-negative whole number (CustID, WorkOrderNo, Qty); `1,234` and `12.0` are accepted; blank is null. */
export function parseLegacyInteger(v: string): Parsed<number | null> {
  const t = blankToNull(v)
  if (t === null) return ok(null)
  if (!/^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.0*)?$/.test(t)) return fail(v, 'is not a whole number')
  const n = Number(t.replaceAll(',', '').replace(/\.0*$/, ''))
  if (n > MAX_INT) return fail(v, 'is too large')
  return ok(n)
}

const EMAIL = /[a-z0-9._%+'-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/i

/** The first address in junk like `a@x.com#mailto:a@x.com#`, `<a@x.com>` or `mailto:a@x.com`, lower-cased. */
export function cleanLegacyEmail(v: string): string | null {
  const t = blankToNull(v)
  if (t === null) return null
  const match = EMAIL.exec(t.replace(/mailto:/gi, ' '))
  return match ? match[0].toLowerCase() : null
}

/**
 * A phone number in national format (`(410) 867-5309 x12`; international for non-NANP numbers). Text that is
 * not exactly one valid number (`555-1234`, `410-867-5309 home`, two numbers) is kept as typed, trimmed.
 */
export function formatPhone(v: string): string | null {
  const t = blankToNull(v)
  if (t === null) return null
  if (t.replace(/extension|ext\.?|x|#|[\d\s()+\-./]/gi, '') !== '') return t
  const phone = parsePhoneNumberFromString(t, 'US')
  if (!phone?.isValid()) return t
  const expected = `${phone.nationalNumber}${phone.ext ?? ''}`
  const digits = t.replace(/\D/g, '')
  if (digits !== expected && digits !== `${phone.countryCallingCode}${expected}`) return t
  const options = { formatExtension: (number: string, ext: string) => `${number} x${ext}` }
  return phone.countryCallingCode === '1' ? phone.formatNational(options) : phone.formatInternational(options)
}
