/**
 * Square footage from the shop's free-text "size/weight" of an item, computed once when the item is
 * written so that analytics never parse text at read time.
 *
 * Accepted forms (case-insensitive, extra spaces ignored):
 *  - `AxB` rectangles. Each side is feet and/or inches: `10'6"`, `10'6` (inch mark left off), `10'`,
 *    `12 ft`, `96"`, or a bare number, which means feet. Separators: `x`, `×`, `*`, `by`.
 *  - Metric sides: `3m x 2.5m`, `300x250cm`, `3000 x 2500 mm`, `3 m x 2,5 m` (decimal comma, one or two
 *    decimals). A bare side next to a metric one takes its unit (`300x250cm` is centimetres on both sides).
 *  - `DR` round pieces, D being the diameter in the same notation: `4'8R`, `36"R`, `6R`, `1.5m round`.
 *  - Sections joined with `+`, whose areas are summed: `10x12+8x6`, `10'x12' + 4'R`.
 *  - A stated area `=N`, which wins over the dimensions: `8x10=80'`, `12x14 = 168`, `=45 sq ft`, `=7.5 m²`.
 *  - Unicode primes (′ ″), curly quotes, and doubled single quotes ('') for inches.
 *  - A leading "approx", "about", "ca." or "~"; notes in parentheses, and trailing notes without digits:
 *    `10x12 awning`, `8x10 (approx)`.
 *
 * Sail weights (`30#`, `30 lbs`) have no square footage and give null. So does anything ambiguous —
 * blank, garbage, three dimensions, 12 or more inches after feet, a zero or absurd (> 100,000 sq ft)
 * area: a missing value is honest, a guessed one silently skews every report built on it. `sizeWarning`
 * tells the user when a size gave no square footage for one of these reasons (not for a weight or a blank).
 * Never throws; the result is null or a finite number > 0 rounded to 2 decimals.
 */

const MAX_SQUARE_FEET = 100_000
// Real sizes are short; a longer text is a note, and bounding it keeps every regex cheap.
const MAX_INPUT_LENGTH = 200

/**
 * A sail's weight (`#`, lb, lbs, pound): no area, and nothing wrong with it. Written so that the same text
 * works as a JavaScript RegExp on lower-cased text and as a PostgreSQL `~*` pattern, which is how a list
 * counts the items `sizeWarning` would warn about without parsing text in SQL.
 */
export const WEIGHT_PATTERN = '#|(?:^|[^a-z])lbs?(?:[^a-z]|$)|(?:^|[^a-z0-9_])pounds?(?:[^a-z0-9_]|$)'
/** Text with something other than ASCII white space in it (the same in JavaScript and PostgreSQL). */
export const NOT_BLANK_PATTERN = '[^ \\t\\n\\r\\f\\v]'

const NUMBER = String.raw`(\d+(?:\.\d+)?)`
// Captures: value, feet mark, inches after the feet, inch mark (for inches only, as in `96"`), metric unit.
// A unit is not the start of a word (`12 marina` is 12 and a note) but may touch the `x` (`3mx2m`).
const LENGTH = String.raw`${NUMBER}\s*(?:(')\s*(?:${NUMBER}\s*"?)?|(")|(mm|cm|m)(?![a-wyz]))?`
const RECTANGLE = new RegExp(String.raw`^\s*${LENGTH}\s*x\s*${LENGTH}(.*)$`)
const ROUND = new RegExp(String.raw`^\s*${LENGTH}\s*r(?:ound|d)?\b(.*)$`)
// What may follow a size: punctuation, or words without digits. `x3` (a third dimension) or a lone
// letter is not a note, so the whole text is ambiguous.
const NOTE = /^(?:[\s.,;:]*|\s*[a-z]{2,}\D*)$/
const WEIGHT = new RegExp(WEIGHT_PATTERN)
const NOT_BLANK = new RegExp(NOT_BLANK_PATTERN)
// Exactly one `=`, a number, an optional square-metre unit, then no other digit: anything else is two
// conflicting statements.
const STATED_AREA = /^[^=]*=\s*(\d+(?:\.\d+)?)\s*(m²|m2(?!\d)|sq\.?\s*m(?![a-z])|sqm)?\D*$/
// Words that say the size is approximate; the size after them is still the best figure there is.
const APPROXIMATELY = /^(?:approx(?:imately)?\.?|about|circa|ca\.|ca(?![a-z])|roughly|~)\s*/

type Unit = 'ft' | 'in' | 'm' | 'cm' | 'mm'
const FEET_PER: Record<Unit, number> = { ft: 1, in: 1 / 12, m: 1 / 0.3048, cm: 1 / 30.48, mm: 1 / 304.8 }
const SQUARE_FEET_PER_SQUARE_METRE = 1 / 0.3048 ** 2
/** One side as written; a bare number has no unit until its neighbour gives it one. */
type Side = { amount: number; unit: Unit | null }

export function parseSquareFeet(sizeText: string | null | undefined): number | null {
  // typeof rather than a null check: callers fed by the legacy import may hand us anything.
  if (typeof sizeText !== 'string' || sizeText.length > MAX_INPUT_LENGTH) return null
  const text = normalize(sizeText)
  if (text === '' || WEIGHT.test(text)) return null
  const area = text.includes('=') ? statedArea(text) : sumOfSections(text)
  if (area === null || !Number.isFinite(area)) return null
  const rounded = Math.round(area * 100) / 100
  return rounded > 0 && rounded <= MAX_SQUARE_FEET ? rounded : null
}

/**
 * What to tell the user when a size gives no square footage although it should: null for a readable
 * size, a blank one or a sail weight.
 */
export function sizeWarning(sizeText: string | null | undefined): string | null {
  return storedSizeWarning(sizeText, parseSquareFeet(sizeText))
}

/**
 * The same for an item as stored (its square feet were computed when it was written, perhaps by an older
 * parser). Lists count these items in SQL with WEIGHT_PATTERN and NOT_BLANK_PATTERN (square feet null,
 * text not blank, not a weight), so a list's count and the items' warnings agree.
 */
export function storedSizeWarning(
  sizeText: string | null | undefined,
  squareFeet: number | null,
): string | null {
  if (squareFeet !== null || typeof sizeText !== 'string' || !NOT_BLANK.test(sizeText)) return null
  if (WEIGHT.test(sizeText.toLowerCase())) return null
  const shown = sizeText.length > 60 ? `${sizeText.slice(0, 57)}...` : sizeText
  return `Size ${JSON.stringify(shown.trim())} was not understood, so the item has no square feet (write it like 10'6"x8', 3m x 2.5m, 300x250cm or 8x10=80)`
}

/** One spelling for each mark, so the patterns above stay small. */
function normalize(raw: string): string {
  return (
    raw
      .toLowerCase()
      .replace(/[\u2018\u2019\u2032]/g, "'")
      .replace(/[\u201c\u201d\u2033]/g, '"')
      .replace(/''/g, '"')
      .replace(/\([^)]*\)?/g, ' ') // an unclosed parenthesis runs to the end: still a note
      .replace(/[×*]|\bby\b/g, 'x')
      .replace(/(\d)\s*(?:feet|foot|ft)/g, "$1'") // `12ftx20ft` as well as `12 ft x 20 ft`
      .replace(/(\d)\s*millimet(?:er|re)s?/g, '$1mm')
      .replace(/(\d)\s*centimet(?:er|re)s?/g, '$1cm')
      .replace(/(\d)\s*(?:met(?:er|re)s?|mtrs?)(?![a-z])/g, '$1m')
      // A decimal comma (`2,5 m`); `1,200` is left alone, as a thousands separator it would be ambiguous.
      .replace(/(\d),(\d{1,2})(?!\d)/g, '$1.$2')
      .trim()
      .replace(APPROXIMATELY, '')
  )
}

/** The counter staff's `=N` is what was agreed with the customer, so it beats our arithmetic. */
function statedArea(text: string): number | null {
  const match = STATED_AREA.exec(text)
  if (!match) return null
  return Number(match[1]) * (match[2] ? SQUARE_FEET_PER_SQUARE_METRE : 1)
}

/** A `+` joins pieces of one item; if any piece is unreadable the total would be wrong, so null. */
function sumOfSections(text: string): number | null {
  let total = 0
  for (const section of text.split('+')) {
    const area = sectionArea(section)
    if (area === null) return null
    total += area
  }
  return total
}

function sectionArea(section: string): number | null {
  const rectangle = RECTANGLE.exec(section)
  if (rectangle) {
    const width = side(rectangle.slice(1, 6))
    const height = side(rectangle.slice(6, 11))
    if (width === null || height === null || !isNote(rectangle[11])) return null
    return inFeet(width, height) * inFeet(height, width)
  }
  const round = ROUND.exec(section)
  if (round) {
    const diameter = side(round.slice(1, 6))
    return diameter !== null && isNote(round[6]) ? Math.PI * (inFeet(diameter) / 2) ** 2 : null
  }
  return null
}

/** Groups of one LENGTH match, in order: value, feet mark, inches, inch mark, metric unit. */
function side([value, feetMark, inches, inchMark, metric]: (string | undefined)[]): Side | null {
  if (value === undefined) return null
  const amount = Number(value)
  if (inchMark) return { amount, unit: 'in' }
  if (metric) return { amount, unit: metric as Unit }
  if (feetMark && inches !== undefined) {
    const extraInches = Number(inches)
    // 10'14" is a typo for something we cannot know.
    return extraInches < 12 ? { amount: amount + extraInches / 12, unit: 'ft' } : null
  }
  return { amount, unit: feetMark ? 'ft' : null }
}

/**
 * A bare number is feet, as the shop has always written sizes, unless the other side is metric:
 * `300x250cm` names its unit once for both sides.
 */
function inFeet(length: Side, other?: Side): number {
  const metric = other?.unit === 'm' || other?.unit === 'cm' || other?.unit === 'mm'
  const unit = length.unit ?? (metric ? (other?.unit as Unit) : 'ft')
  return length.amount * FEET_PER[unit]
}

function isNote(rest: string | undefined): boolean {
  return NOTE.test(rest ?? '')
}
