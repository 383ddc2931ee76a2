import type { ComponentChildren } from 'preact'
import { parseSquareFeet, sizeWarning } from '../../../domain/square-feet.js'
import type { FormState } from '../../form.js'
import { ErrorSummary } from '../field.js'
import { ITEM_FIELDS, itemName, LABELS, type Values } from './form-values.js'

export interface CatalogEntry {
  id: number
  description: string
  material: string | null
  color: string | null
  sizeText: string | null
  lastPrice: number | null
}

export interface OrderFormProps {
  mode: 'new' | 'edit'
  action: string
  values: Values
  itemCount: number
  errors: FormState['errors']
  customerName: string | null
  catalog: CatalogEntry[]
  draftId: string
  editNo: number | null
  /** Found customers, after a search without JavaScript. */
  found?: { id: number; name: string; city: string | null }[]
  /** Where the size field asks for its square feet (the check-in form has its own, open to every role). */
  sizeUrl?: string
}

/** What a size text gives, in words: shown live beside the size field (the domain's own parser). */
export function SizeResult({ id, size }: { id: string; size: string }) {
  const feet = parseSquareFeet(size)
  const warning = sizeWarning(size)
  return (
    <p class="size-result hint" id={id} aria-live="polite">
      {feet !== null
        ? `= ${feet} sq ft`
        : warning
          ? `Not understood: ${warning}`
          : size.trim()
            ? 'No square feet (weight)'
            : ''}
    </p>
  )
}

function Message({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null
  return (
    <p class="error-message" id={`${id}-error`}>
      <span class="visually-hidden">Error: </span>
      {message}
    </p>
  )
}

/** A labelled control with its message beside it; the control is the child, wired to the message here. */
export function Box(props: {
  name: string
  label: string
  errors: FormState['errors']
  children: ComponentChildren
  hint?: string
}) {
  const { name, label, errors, hint } = props
  return (
    <div class={errors[name] ? 'field field-error' : 'field'}>
      <label for={`f-${name}`}>{label}</label>
      {hint && (
        <p class="hint" id={`f-${name}-hint`}>
          {hint}
        </p>
      )}
      <Message id={`f-${name}`} message={errors[name]} />
      {props.children}
    </div>
  )
}

export function described(name: string, errors: FormState['errors'], hint = false) {
  const ids = [hint ? `f-${name}-hint` : '', errors[name] ? `f-${name}-error` : ''].filter(Boolean).join(' ')
  return {
    'aria-describedby': ids || undefined,
    'aria-invalid': errors[name] ? ('true' as const) : undefined,
  }
}

export function TextInput(props: {
  name: string
  values: Values
  errors: FormState['errors']
  label?: string
  type?: 'text' | 'date'
  hint?: string
  extra?: Record<string, string>
}) {
  const { name, values, errors, type = 'text', hint } = props
  return (
    <Box name={name} label={props.label ?? LABELS[name] ?? name} errors={errors} hint={hint}>
      <input
        id={`f-${name}`}
        name={name}
        type={type as 'text'}
        value={values[name] ?? ''}
        {...described(name, errors, !!hint)}
        {...props.extra}
      />
    </Box>
  )
}

export function Choice(props: {
  name: string
  values: Values
  errors: FormState['errors']
  options: [string, string][]
}) {
  const { name, values, errors, options } = props
  return (
    <Box name={name} label={LABELS[name] ?? name} errors={errors}>
      <select id={`f-${name}`} name={name} {...described(name, errors)}>
        <option value="">(not set)</option>
        {options.map(([value, label]) => (
          <option value={value} selected={values[name] === value}>
            {label}
          </option>
        ))}
      </select>
    </Box>
  )
}

export function Check({ name, values }: { name: string; values: Values }) {
  return (
    <label>
      <input type="checkbox" name={name} checked={values[name] === 'on'} /> {LABELS[name]}
    </label>
  )
}

export function CustomerPicker(props: OrderFormProps) {
  const { values, errors, customerName, found } = props
  if (props.mode === 'edit') {
    return (
      <p>
        <strong>Customer: </strong>
        {customerName ?? ''}
      </p>
    )
  }
  return (
    <fieldset class="picker">
      <legend>Customer</legend>
      <input type="hidden" name="customerId" value={values.customerId ?? ''} />
      <p id="chosen-customer" aria-live="polite">
        {customerName ? `Chosen: ${customerName}` : 'No customer chosen yet.'}
      </p>
      <TextInput
        name="customerSearch"
        values={values}
        errors={errors}
        hint="Type a name, phone or city, then choose from the list"
        extra={{
          type: 'search',
          autocomplete: 'off',
          'hx-get': '/work-orders/form/customers',
          'hx-trigger': 'input changed delay:300ms, search',
          'hx-target': '#customer-results',
          'hx-swap': 'outerHTML',
        }}
      />
      <button type="submit" name="action" value="find-customer">
        Find
      </button>
      <CustomerResults found={found ?? []} searched={!!found} />
    </fieldset>
  )
}

/** Each result is a submit button: choosing re-renders the form with the customer and their catalog. */
export function CustomerResults({
  found,
  searched,
}: {
  found: { id: number; name: string; city: string | null }[]
  searched: boolean
}) {
  return (
    <ul id="customer-results" class="picker-results" aria-live="polite">
      {searched && found.length === 0 && <li>No customer matches.</li>}
      {found.map((c) => (
        <li>
          <button type="submit" name="pickCustomer" value={String(c.id)} class="link-button">
            {`Choose ${c.name}${c.city ? `, ${c.city}` : ''}`}
          </button>
        </li>
      ))}
    </ul>
  )
}

export function ItemRow({ i, props }: { i: number; props: OrderFormProps }) {
  const { values, errors, catalog } = props
  const n = (f: string) => itemName(i, f)
  const existing = !!values[n('id')]
  const size = values[n('size')] ?? ''
  return (
    <fieldset class="item-row">
      <legend>{`Item ${i + 1}`}</legend>
      <input type="hidden" name={n('id')} value={values[n('id')] ?? ''} />
      {!existing && (
        <Box name={n('catalog')} label={LABELS.catalog ?? 'Catalog'} errors={errors}>
          <select id={`f-${n('catalog')}`} name={n('catalog')}>
            <option value="">(type a new item below)</option>
            {catalog.map((entry) => (
              <option value={String(entry.id)} selected={values[n('catalog')] === String(entry.id)}>
                {[entry.description, entry.material, entry.color, entry.sizeText].filter(Boolean).join(' · ')}
                {entry.lastPrice !== null ? ` ($${entry.lastPrice})` : ''}
              </option>
            ))}
          </select>
        </Box>
      )}
      <div class="item-grid">
        {(['description', 'material', 'color', 'condition'] as const).map((f) => (
          <TextInput name={n(f)} label={LABELS[f]} values={values} errors={errors} />
        ))}
        <div class={errors[n('size')] ? 'field field-error' : 'field'}>
          <label for={`f-${n('size')}`}>{LABELS.size}</label>
          <Message id={`f-${n('size')}`} message={errors[n('size')]} />
          <input
            id={`f-${n('size')}`}
            name={n('size')}
            value={size}
            hx-get={props.sizeUrl ?? '/work-orders/form/size'}
            hx-trigger="input changed delay:300ms"
            hx-target={`#${n('size')}-result`}
            hx-swap="outerHTML"
            aria-describedby={`${n('size')}-result`}
          />
          <SizeResult id={`${n('size')}-result`} size={size} />
        </div>
        <TextInput
          name={n('quantity')}
          label={LABELS.quantity}
          values={values}
          errors={errors}
          extra={{ inputMode: 'numeric' }}
        />
        <TextInput
          name={n('price')}
          label={LABELS.price}
          values={values}
          errors={errors}
          extra={{ inputMode: 'decimal' }}
        />
      </div>
      {existing && (
        <label>
          <input type="checkbox" name={n('remove')} checked={values[n('remove')] === 'on'} /> Remove this item
        </label>
      )}
    </fieldset>
  )
}

export function OrderForm(props: OrderFormProps) {
  const { values, errors, itemCount, mode } = props
  const state: FormState = { values, errors }
  return (
    <form
      method="post"
      action={props.action}
      novalidate
      class="order-form"
      // Saved as the user types: a reload or an expired session loses nothing (services/work-order-drafts.ts).
      hx-post="/work-orders/form/draft"
      hx-trigger="input delay:1s, change delay:1s"
      hx-target="#draft-status"
      hx-swap="innerHTML"
      // Only the status line shows the save in flight: the form itself stays as it is while the user types.
      hx-indicator="#draft-status"
    >
      <ErrorSummary state={state} labels={errorLabels(itemCount)} />
      <input type="hidden" name="draftId" value={props.draftId} />
      <input type="hidden" name="editNo" value={props.editNo === null ? '' : String(props.editNo)} />
      <input type="hidden" name="itemCount" value={String(itemCount)} />
      <CustomerPicker {...props} />
      <div class="item-grid">
        <TextInput name="name" values={values} errors={errors} />
        {mode === 'new' && (
          <TextInput name="dateIn" type="date" values={values} errors={errors} hint="Today if left empty" />
        )}
        <TextInput name="dateRequired" type="date" values={values} errors={errors} />
        <Choice
          name="quoteStatus"
          values={values}
          errors={errors}
          options={[
            ['pending', 'Pending'],
            ['approved', 'Approved'],
            ['declined', 'Declined'],
          ]}
        />
        <Choice
          name="storageTime"
          values={values}
          errors={errors}
          options={[
            ['seasonal', 'Seasonal'],
            ['temporary', 'Temporary'],
          ]}
        />
        <TextInput name="rackLocation" values={values} errors={errors} />
        <Choice
          name="returnStatus"
          values={values}
          errors={errors}
          options={[
            ['ship', 'Ship'],
            ['deliver', 'Deliver'],
            ['pickup', 'Pickup'],
            ['rehang', 'Re-hang'],
            ['unknown', 'Unknown'],
          ]}
        />
        <TextInput name="returnTo" values={values} errors={errors} />
        {mode === 'edit' && <TextInput name="finalLocation" values={values} errors={errors} />}
      </div>
      <fieldset class="checks">
        <legend class="visually-hidden">Flags</legend>
        <Check name="rush" values={values} />
        <Check name="firmRush" values={values} />
        <Check name="isCushion" values={values} />
        <Check name="repairsNeeded" values={values} />
      </fieldset>
      <Box name="specialInstructions" label={LABELS.specialInstructions ?? ''} errors={errors}>
        <textarea
          id="f-specialInstructions"
          name="specialInstructions"
          rows={3}
          {...described('specialInstructions', errors)}
        >
          {values.specialInstructions ?? ''}
        </textarea>
      </Box>
      <h2>Items</h2>
      {Array.from({ length: itemCount }, (_, i) => (
        <ItemRow i={i} props={props} />
      ))}
      <button type="submit" name="action" value="add-item" class="secondary">
        Add another item
      </button>
      <p id="draft-status" class="draft-status hint" aria-live="polite" />
      <button type="submit" name="action" value="save">
        {mode === 'new' ? 'Create work order' : 'Save changes'}
      </button>
    </form>
  )
}

export function errorLabels(itemCount: number): Record<string, string> {
  const labels: Record<string, string> = { ...LABELS }
  for (let i = 0; i < itemCount; i++)
    for (const f of ITEM_FIELDS) labels[itemName(i, f)] = `Item ${i + 1} ${(LABELS[f] ?? f).toLowerCase()}`
  return labels
}

/** The user's saved drafts, offered back when the form opens. */
export function DraftOffers({
  drafts,
  base,
}: {
  drafts: { id: string; updatedAt: Date; fields: Values }[]
  base: string
}) {
  if (drafts.length === 0) return null
  return (
    <section class="drafts" aria-labelledby="drafts-h">
      <h2 id="drafts-h">Your unsaved drafts</h2>
      <ul>
        {drafts.map((d) => (
          <li>
            <a href={`${base}?draft=${d.id}`}>
              {`Resume the draft of ${d.updatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`}
              {d.fields.name ? ` (${d.fields.name})` : ''}
            </a>
          </li>
        ))}
      </ul>
    </section>
  )
}
