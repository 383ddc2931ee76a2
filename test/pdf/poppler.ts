import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

// Poppler's command-line tools read what a PDF says (Debian's poppler-utils; .ci/run installs it).

function withFile<T>(pdf: Buffer, work: (file: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'ams-pdf-'))
  const file = path.join(dir, 'order.pdf')
  try {
    writeFileSync(file, pdf)
    return work(file)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The text of the PDF (or of pages first..last), in reading order. */
export function pdfText(pdf: Buffer, pages?: { first: number; last: number }): string {
  return withFile(pdf, (file) =>
    execFileSync(
      'pdftotext',
      [
        '-layout',
        '-enc',
        'UTF-8',
        ...(pages ? ['-f', String(pages.first), '-l', String(pages.last)] : []),
        file,
        '-',
      ],
      { encoding: 'utf8' },
    ),
  )
}

/** pdfinfo's fields (Pages, Page size, Title…). */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const out = withFile(pdf, (file) => execFileSync('pdfinfo', [file], { encoding: 'utf8' }))
  return Object.fromEntries(
    out
      .split('\n')
      .map((line) => line.match(/^([^:]+):\s*(.*)$/))
      .filter((m): m is RegExpMatchArray => m !== null)
      .map((m) => [m[1] as string, (m[2] as string).trim()]),
  )
}
