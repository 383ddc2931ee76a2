import type { Flash } from '../flash.js'

const LABEL = { success: 'Done', info: 'Note', error: 'Problem' } as const

/** A one-time message; `role="status"` (or "alert" for problems) so screen readers announce it. */
export function FlashMessage({ flash }: { flash: Flash | null }) {
  if (!flash) return null
  return (
    <div class={`flash flash-${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'}>
      <strong>{LABEL[flash.kind]}:</strong> {flash.text}
    </div>
  )
}
