import type { FormState } from '../../form.js'
import { ErrorSummary } from '../field.js'
import { ITEM_FIELDS, itemName, LABELS, type Values } from '../work-orders/form-values.js'
import {
  type CatalogEntry,
  Check,
  Choice,
  CustomerResults,
  ItemRow,
  type OrderFormProps,
  TextInput,
} from '../work-orders/order-form.js'

export interface CheckInFormProps {
  values: Values
  itemCount: number
  errors: FormState['errors']
  customerName: string | null
  catalog: CatalogEntry[]
  found?: { id: number; name: string; city: string | null }[] | undefined
}

/** The customer picker: search as you type (htmx), or "Find" without JavaScript; each result is a button. */
function CustomerPicker({ values, errors, customerName, found }: CheckInFormProps) {
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
          'hx-get': '/check-ins/form/customers',
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

/**
 * The counter's form: who, what (items from the customer's catalog or typed, with a quoted price), and what
 * the order will need. Photos are taken on the check-in's page once it is saved (one upload per photo).
 */
export function CheckInForm(props: CheckInFormProps) {
  const { values, errors, itemCount } = props
  const itemProps: OrderFormProps = {
    mode: 'new',
    action: '/check-ins/new',
    values,
    itemCount,
    errors,
    customerName: props.customerName,
    catalog: props.catalog,
    draftId: '',
    editNo: null,
    sizeUrl: '/check-ins/form/size',
  }
  return (
    <form method="post" action="/check-ins/new" novalidate class="order-form check-in-form">
      <ErrorSummary state={{ values, errors }} labels={errorLabels(itemCount)} />
      <input type="hidden" name="itemCount" value={String(itemCount)} />
      <CustomerPicker {...props} />
      <h2>Items</h2>
      {Array.from({ length: itemCount }, (_, i) => (
        <ItemRow i={i} props={itemProps} />
      ))}
      <button type="submit" name="action" value="add-item" class="secondary">
        Add another item
      </button>
      <div class="item-grid">
        <TextInput name="dateIn" type="date" values={values} errors={errors} hint="Today if left empty" />
        <TextInput name="dateRequired" type="date" values={values} errors={errors} />
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
      </div>
      <fieldset class="checks">
        <legend class="visually-hidden">Flags</legend>
        <Check name="rush" values={values} />
        <Check name="firmRush" values={values} />
        <Check name="repairsNeeded" values={values} />
      </fieldset>
      <div class={errors.specialInstructions ? 'field field-error' : 'field'}>
        <label for="f-specialInstructions">{LABELS.specialInstructions}</label>
        <textarea id="f-specialInstructions" name="specialInstructions" rows={3}>
          {values.specialInstructions ?? ''}
        </textarea>
      </div>
      <button type="submit" name="action" value="save">
        Save check-in
      </button>
    </form>
  )
}

function errorLabels(itemCount: number): Record<string, string> {
  const labels: Record<string, string> = { ...LABELS }
  for (let i = 0; i < itemCount; i++)
    for (const f of ITEM_FIELDS) labels[itemName(i, f)] = `Item ${i + 1} ${(LABELS[f] ?? f).toLowerCase()}`
  return labels
}
