/** A status as words in a tinted box: the colour helps, the text carries the meaning. */
export function StatusBadge({ status, label }: { status: string; label?: string }) {
  const text = label ?? status.replace(/_/g, ' ')
  return <span class={`badge badge-${status.replace(/[^a-z_-]/gi, '')}`}>{text}</span>
}
