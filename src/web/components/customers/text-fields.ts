import type { FormState } from '../../form.js'

/** A text field of a form that maps onto a nullable column: its label, limit and kind. */
export interface TextFieldSpec<K extends string> {
  name: K
  label: string
  max: number
  required?: boolean
  type?: 'text' | 'email' | 'tel'
  autocomplete?: string
}

// The API's e-mail check (ajv's "email" format) is stricter, but this catches what people mistype.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/**
 * Checks typed values against the API's body limits (src/schemas/customers.ts, sources.ts) so bad input is a
 * message beside its field, never a 400 from the service. Empty optional fields become null.
 */
export function validateTextFields<K extends string>(
  specs: readonly TextFieldSpec<K>[],
  values: Record<K, string>,
): { state: FormState<K>; input: Record<K, string | null> } {
  const state: FormState<K> = { values: { ...values }, errors: {} }
  const input = {} as Record<K, string | null>
  for (const spec of specs) {
    const value = values[spec.name]
    if (!value) {
      if (spec.required) state.errors[spec.name] = `Enter the ${spec.label.toLowerCase()}`
      input[spec.name] = null
      continue
    }
    if (value.length > spec.max) state.errors[spec.name] = `At most ${spec.max} characters`
    else if (spec.type === 'email' && !EMAIL.test(value))
      state.errors[spec.name] = 'Enter an e-mail address like name@example.com'
    input[spec.name] = value
  }
  return { state, input }
}

export const labelsOf = <K extends string>(specs: readonly TextFieldSpec<K>[]) =>
  Object.fromEntries(specs.map((s) => [s.name, s.label])) as Record<K, string>
