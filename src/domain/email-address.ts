/**
 * Legacy e-mail fields are messy: `a@b.com#mailto:a@b.com#` (Access hyperlinks), two addresses in one
 * field separated by `;`, `,` or spaces, upper case, stray angle brackets. The first valid address wins;
 * nothing is sent to a value without one.
 */

// Deliberately plain: one @, a dotted domain of letters, digits and hyphens, a 2+ letter top level, and a
// local part of the characters people actually type. Anything odder is not worth a bounce.
const ADDRESS =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/

const MAX_LENGTH = 254

/** True when `value` is one address we would send to (already lower-cased and trimmed). */
export function isValidEmail(value: string): boolean {
  return value.length <= MAX_LENGTH && ADDRESS.test(value)
}

/** The first usable address in a legacy or typed e-mail field, lower-cased; null when there is none. */
export function firstValidEmail(raw: string | null | undefined): string | null {
  if (!raw) return null
  for (const piece of raw.split(/[;,\s#]+/)) {
    const candidate = piece
      .replace(/^mailto:/i, '')
      .replace(/^[<("']+|[>)"'.]+$/g, '')
      .toLowerCase()
    if (candidate && isValidEmail(candidate)) return candidate
  }
  return null
}
