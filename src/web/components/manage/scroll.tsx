import type { ComponentChildren } from 'preact'

/**
 * A table that may scroll sideways (a phone, a wide table): the scrolling box is a named, focusable region,
 * so a keyboard can scroll it too (axe: scrollable-region-focusable).
 */
export function ScrollBox({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <section class="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  )
}
