import { readFileSync } from 'node:fs'
import path from 'node:path'
import * as fontkit from 'fontkit'

// Page geometry, fonts and number formats shared by the parts of a printed order.

/** US Letter in points (1/72 inch). */
export const PAGE = { width: 612, height: 792, margin: 36 } as const
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin
/** Where content stops: the footer ("page N of M") lives below it. */
export const CONTENT_BOTTOM = PAGE.height - PAGE.margin - 18

export const REGULAR = 'body'
export const BOLD = 'body-bold'

// Shipped with the code (src/pdf/fonts, copied into dist/pdf/fonts by the build), so every machine prints
// the same glyphs: DejaVu covers Latin Extended (Núñez, Łukasz), Greek and Cyrillic. Parsed once per
// process and shared by every document (each still embeds its own subset): parsing a 700 KB TrueType file
// per document cost ~35 ms per font, most of a PDF's time.
const FONT_DIR = path.join(import.meta.dirname, 'fonts')
const load = (file: string) => fontkit.create(readFileSync(path.join(FONT_DIR, file))) as fontkit.Font
export const FONTS = {
  [REGULAR]: load('DejaVuSansCondensed.ttf'),
  [BOLD]: load('DejaVuSansCondensed-Bold.ttf'),
}

export function money(n: number): string {
  return `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
}

export function decimal(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 })
}

/**
 * Text as the font can print it: control characters (a tab or a stray form feed from an import) become
 * spaces, so a cell never breaks where the layout did not measure it.
 */
export function printable(text: string | null | undefined): string {
  if (!text) return ''
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ')
}
