export interface ConfirmDeleteProps {
  /** The page route that deletes (a POST: no state changes on GET). */
  action: string
  /** What is deleted, in words: "customer Ann Smith". */
  what: string
  label?: string
}

/**
 * A delete button that asks first: app.js asks `confirm()` for any form with data-confirm (no inline
 * handler, the CSP forbids them); htmx's hx-confirm would only cover htmx requests.
 */
export function ConfirmDelete({ action, what, label = 'Delete' }: ConfirmDeleteProps) {
  return (
    <form
      method="post"
      action={action}
      class="inline"
      data-confirm={`Delete ${what}? This cannot be undone.`}
    >
      <button type="submit" class="danger">
        {label}
        <span class="visually-hidden">{` ${what}`}</span>
      </button>
    </form>
  )
}
