/**
 * Square footage from the shop's free-text "size/weight" of an item, computed once when the item is
 * written so that analytics never parse text at read time.
 *
 * Accepted forms (case-insensitive, extra spaces ignored):
 *  - `AxB` rectangles. Each side is feet and/or inches: `10'6"`, `10'6` (inch mark left off), `10'`,
 *    `12 ft`, `96"`, or a bare number, which means feet. Separators: `x`, `×`, `*`, `by`.
 *  - `DR` round pieces, D being the diameter in the same notation: `4'8R`, `36"R`, `6R`.
 *  - Sections joined with `+`, whose areas are summed: `10x12+8x6`, `10'x12' + 4'R`.
 *  - A stated area `=N`, which wins over the dimensions: `8x10=80'`, `12x14 = 168`, `=45 sq ft`.
 *  - Unicode primes (′ ″), curly quotes, and doubled single quotes ('') for inches.
 *  - Notes in parentheses, and trailing notes without digits: `10x12 awning`, `8x10 (approx)`.
 *
 * Sail weights (`30#`, `30 lbs`) have no square footage and give null. So does anything ambiguous —
 * blank, garbage, three dimensions, 12 or more inches after feet, a zero or absurd (> 100,000 sq ft)
 * area: a missing value is honest, a guessed one silently skews every report built on it.
 * Never throws; the result is null or a finite number > 0 rounded to 2 decimals.
 */

const MAX_SQUARE_FEET = 100_000
// Real sizes are short; a longer text is a note, and bounding it keeps every regex cheap.
const MAX_INPUT_LENGTH = 200

const NUMBER = String.raw`(\d+(?:\.\d+)?)`
// Captures: value, feet mark, inches after the feet, inch mark (for inches only, as in `96"`).
const LENGTH = String.raw`${NUMBER}\s*(?:(')\s*(?:${NUMBER}\s*"?)?|("))?`
const RECTANGLE = new RegExp(String.raw`^\s*${LENGTH}\s*x\s*${LENGTH}(.*)$`)
const ROUND = new RegExp(String.raw`^\s*${LENGTH}\s*r(?:ound|d)?\b(.*)$`)
// What may follow a size: punctuation, or words without digits. `x3` (a third dimension) or a lone
// letter is not a note, so the whole text is ambiguous.
const NOTE = /^(?:[\s.,;:]*|\s*[a-z]{2,}\D*)$/
// `#`, lb or lbs mark a sail's weight.
const WEIGHT = /#|(?<![a-z])lbs?(?![a-z])|\bpounds?\b/
// Exactly one `=`, a number, then no other digit: anything else is two conflicting statements.
const STATED_AREA = /^[^=]*=\s*(\d+(?:\.\d+)?)\D*$/

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

/** One spelling for each mark, so the patterns above stay small. */
function normalize(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/[\u2018\u2019\u2032]/g, "'")
    .replace(/[\u201c\u201d\u2033]/g, '"')
    .replace(/''/g, '"')
    .replace(/\([^)]*\)?/g, ' ') // an unclosed parenthesis runs to the end: still a note
    .replace(/[×*]|\bby\b/g, 'x')
    .replace(/(\d)\s*(?:feet|foot|ft)/g, "$1'") // `12ftx20ft` as well as `12 ft x 20 ft`
    .trim()
}

/** The counter staff's `=N` is what was agreed with the customer, so it beats our arithmetic. */
function statedArea(text: string): number | null {
  const match = STATED_AREA.exec(text)
  return match ? Number(match[1]) : null
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
    const width = lengthInFeet(rectangle.slice(1, 5))
    const height = lengthInFeet(rectangle.slice(5, 9))
    return width !== null && height !== null && isNote(rectangle[9]) ? width * height : null
  }
  const round = ROUND.exec(section)
  if (round) {
    const diameter = lengthInFeet(round.slice(1, 5))
    return diameter !== null && isNote(round[5]) ? Math.PI * (diameter / 2) ** 2 : null
  }
  return null
}

/** Groups of one LENGTH match, in order: value, feet mark, inches, inch mark. */
function lengthInFeet([value, feetMark, inches, inchMark]: (string | undefined)[]): number | null {
  if (value === undefined) return null
  const amount = Number(value)
  if (inchMark) return amount / 12
  if (feetMark && inches !== undefined) {
    const extraInches = Number(inches)
    // 10'14" is a typo for something we cannot know.
    return extraInches < 12 ? amount + extraInches / 12 : null
  }
  return amount // a bare number, with or without a feet mark, is feet
}

function isNote(rest: string | undefined): boolean {
  return NOTE.test(rest ?? '')
}
