/**
 * A file name safe to store and show: no path, no control characters, no quotes or backslashes,
 * at most 200 characters (the extension kept), never empty.
 */
export function sanitizeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  let clean = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f && ch !== '"' && ch !== '\\')
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
  clean = clean.replace(/^\.+/, '')
  if (clean.length > 200) {
    const dot = clean.lastIndexOf('.')
    const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : ''
    clean = clean.slice(0, 200 - ext.length) + ext
  }
  return clean || 'file'
}

/** `attachment` with an ASCII fallback name and the exact name in RFC 5987 form (for non-ASCII names). */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`
}
