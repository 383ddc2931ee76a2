import { Readable } from 'node:stream'
import { fileTypeFromBuffer } from 'file-type'

/** What the shop attaches: photos of damage, PDFs (quotes, sign-offs), office documents, plain text. */
const ALLOWED: Record<string, { mime: string; detected: readonly string[] | 'text' }> = {
  pdf: { mime: 'application/pdf', detected: ['pdf'] },
  jpg: { mime: 'image/jpeg', detected: ['jpg'] },
  jpeg: { mime: 'image/jpeg', detected: ['jpg'] },
  png: { mime: 'image/png', detected: ['png'] },
  gif: { mime: 'image/gif', detected: ['gif'] },
  webp: { mime: 'image/webp', detected: ['webp'] },
  heic: { mime: 'image/heic', detected: ['heic'] },
  // Legacy Office files are OLE compound files; the newer ones are zip packages (the head may only show "zip").
  doc: { mime: 'application/msword', detected: ['cfb'] },
  xls: { mime: 'application/vnd.ms-excel', detected: ['cfb'] },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    detected: ['docx', 'zip'],
  },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    detected: ['xlsx', 'zip'],
  },
  csv: { mime: 'text/csv', detected: 'text' },
  txt: { mime: 'text/plain', detected: 'text' },
}
export const ALLOWED_EXTENSIONS = Object.keys(ALLOWED)

/** Bytes read before deciding (file-type's own sample size). */
export const SNIFF_BYTES = 4100

export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.')
  return dot > 0 ? filename.slice(dot + 1).toLowerCase() : ''
}

function looksLikeText(head: Buffer): boolean {
  if (head.includes(0)) return false
  try {
    // `stream: true` tolerates a character cut in half at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true })
    return true
  } catch {
    return false
  }
}

/**
 * The content type of an upload named `filename` whose first bytes are `head`, or a reason to refuse it:
 * the extension must be allowed and the bytes must be what the extension says (an .exe renamed .jpg is not).
 */
export async function checkFileType(
  filename: string,
  head: Buffer,
): Promise<{ ok: true; ext: string; mime: string } | { ok: false; reason: string }> {
  const ext = extensionOf(filename)
  const rule = ALLOWED[ext]
  if (!rule)
    return {
      ok: false,
      reason: `.${ext || '(none)'} files are not accepted (allowed: ${ALLOWED_EXTENSIONS.join(', ')})`,
    }
  const detected = await fileTypeFromBuffer(head)
  if (rule.detected === 'text') {
    if (detected || !looksLikeText(head))
      return { ok: false, reason: `the content is not plain text, as .${ext} says` }
  } else if (!detected || !rule.detected.includes(detected.ext)) {
    return {
      ok: false,
      reason: `the content is ${detected ? `a .${detected.ext} file` : 'not recognised'}, not .${ext}`,
    }
  }
  return { ok: true, ext, mime: rule.mime }
}

/** Reads the first `n` bytes of a stream and gives back a stream that still yields everything. */
export async function peek(source: Readable, n: number): Promise<{ head: Buffer; stream: Readable }> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  const chunks: Buffer[] = []
  let length = 0
  let done = false
  while (length < n) {
    const next = await iterator.next()
    if (next.done) {
      done = true
      break
    }
    chunks.push(next.value)
    length += next.value.length
  }
  const head = Buffer.concat(chunks)
  async function* all() {
    yield head
    if (done) return
    for (;;) {
      const next = await iterator.next()
      if (next.done) return
      yield next.value
    }
  }
  return { head: head.subarray(0, n), stream: Readable.from(all(), { objectMode: false }) }
}
