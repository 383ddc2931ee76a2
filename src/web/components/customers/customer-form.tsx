import type { Source } from '../../../models/index.js'
import type { FormState } from '../../form.js'
import { Field, Form } from '../field.js'
import { labelsOf, type TextFieldSpec } from './text-fields.js'

export const CUSTOMER_TEXT_FIELDS = [
  { name: 'name', label: 'Name', max: 200, required: true, autocomplete: 'off' },
  { name: 'contact', label: 'Contact person', max: 200 },
  { name: 'address', label: 'Address', max: 200 },
  { name: 'address2', label: 'Address line 2', max: 200 },
  { name: 'city', label: 'City', max: 200 },
  { name: 'state', label: 'State', max: 50 },
  { name: 'zip', label: 'ZIP', max: 20 },
  { name: 'cellPhone', label: 'Cell phone', max: 50, type: 'tel' },
  { name: 'homePhone', label: 'Home phone', max: 50, type: 'tel' },
  { name: 'workPhone', label: 'Work phone', max: 50, type: 'tel' },
  { name: 'email', label: 'E-mail', max: 254, type: 'email' },
  { name: 'mailAddress', label: 'Mailing address', max: 200 },
  { name: 'mailCity', label: 'Mailing city', max: 200 },
  { name: 'mailState', label: 'Mailing state', max: 50 },
  { name: 'mailZip', label: 'Mailing ZIP', max: 20 },
] as const satisfies readonly TextFieldSpec<string>[]

export type CustomerTextField = (typeof CUSTOMER_TEXT_FIELDS)[number]['name']
export type CustomerField = CustomerTextField | 'sourceId'
export const CUSTOMER_FIELD_NAMES: CustomerField[] = [...CUSTOMER_TEXT_FIELDS.map((f) => f.name), 'sourceId']
export const CUSTOMER_LABELS = { ...labelsOf<CustomerTextField>(CUSTOMER_TEXT_FIELDS), sourceId: 'Source' }

/** The source picker: a select, its error beside it like Field's. */
function SourceSelect({ sources, state }: { sources: Source[]; state: FormState<CustomerField> }) {
  const error = state.errors.sourceId
  const current = state.values.sourceId ?? ''
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for="f-sourceId">Source</label>
      <p class="hint" id="f-sourceId-hint">
        The vendor, sail loft or marina that sends this customer's work, if any
      </p>
      {error && (
        <p class="error-message" id="f-sourceId-error">
          <span class="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      <select
        id="f-sourceId"
        name="sourceId"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'f-sourceId-hint f-sourceId-error' : 'f-sourceId-hint'}
      >
        <option value="">No source (walk-in)</option>
        {sources.map((s) => (
          <option value={String(s.id)} selected={String(s.id) === current}>
            {s.name}
          </option>
        ))}
      </select>
    </div>
  )
}

/** Create and edit share the form; the action tells them apart. */
export function CustomerForm(props: {
  action: string
  submit: string
  state: FormState<CustomerField>
  sources: Source[]
}) {
  const { action, submit, state, sources } = props
  return (
    <Form action={action} state={state} labels={CUSTOMER_LABELS} submit={submit}>
      <div class="form-grid">
        {CUSTOMER_TEXT_FIELDS.map((f) => (
          <Field
            name={f.name}
            label={f.label}
            state={state}
            type={'type' in f ? f.type : 'text'}
            required={'required' in f ? f.required : undefined}
            autocomplete={'autocomplete' in f ? f.autocomplete : undefined}
            inputMode={'type' in f && f.type === 'tel' ? 'tel' : undefined}
          />
        ))}
        <SourceSelect sources={sources} state={state} />
      </div>
    </Form>
  )
}
