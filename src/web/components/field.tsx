import type { ComponentChildren } from 'preact'
import type { FormState } from '../form.js'

export interface FieldProps {
  /** The form field's name; also its id (`f-<name>`), so the label and error point at it. */
  name: string
  label: string
  state: FormState
  type?: 'text' | 'password' | 'email' | 'number' | 'date' | 'search' | 'tel'
  hint?: string
  required?: boolean
  autocomplete?: string
  /** Passwords are never sent back to the browser, even when the form is re-rendered. */
  keepValue?: boolean
  inputMode?: 'text' | 'numeric' | 'decimal' | 'tel' | 'email'
}

/**
 * A labelled input with its hint and its error message right beside it (GOV.UK pattern: the message above
 * the input, tied to it by aria-describedby, the value kept).
 */
export function Field(props: FieldProps) {
  const { name, label, state, type = 'text', hint, required, autocomplete, inputMode } = props
  const id = `f-${name}`
  const error = state.errors[name]
  const keep = props.keepValue ?? type !== 'password'
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ')
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error-message" id={`${id}-error`}>
          <span class="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      <input
        id={id}
        name={name}
        // Preact types each input type separately (a union does not narrow); the value is one of FieldProps'.
        type={type as 'text'}
        value={keep ? (state.values[name] ?? '') : ''}
        required={required}
        autocomplete={autocomplete}
        inputMode={inputMode}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described || undefined}
      />
    </div>
  )
}

/** The list of problems at the top of a form, each linking to its field. */
export function ErrorSummary({ state, labels }: { state: FormState; labels: Record<string, string> }) {
  const entries = Object.entries(state.errors).filter(([, message]) => message)
  if (entries.length === 0) return null
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2>There is a problem</h2>
      <ul>
        {entries.map(([name, message]) =>
          name === 'form' ? (
            <li>{message}</li>
          ) : (
            <li>
              <a href={`#f-${name}`}>{`${labels[name] ?? name}: ${message}`}</a>
            </li>
          ),
        )}
      </ul>
    </div>
  )
}

export interface FormProps {
  action: string
  state: FormState
  /** Field labels by name, for the error summary's links. */
  labels: Record<string, string>
  submit: string
  children: ComponentChildren
  /** Optional htmx enhancement: the same POST, the answer (form with errors, or a fragment) swapped here. */
  hxTarget?: string
}

/** A POST form with its error summary; works without JavaScript, htmx optional. */
export function Form({ action, state, labels, submit, children, hxTarget }: FormProps) {
  return (
    <form
      method="post"
      action={action}
      novalidate
      hx-post={hxTarget ? action : undefined}
      hx-target={hxTarget}
      hx-swap={hxTarget ? 'outerHTML' : undefined}
    >
      <ErrorSummary state={state} labels={labels} />
      {children}
      <button type="submit">{submit}</button>
    </form>
  )
}
