import type { CustomerItem } from '../../../models/index.js'
import type { CatalogInput } from '../../../services/catalog.js'
import type { FormState } from '../../form.js'
import { ErrorSummary, Field } from '../field.js'
import { labelsOf, type TextFieldSpec, validateTextFields } from './text-fields.js'

const TEXT = [
  { name: 'description', label: 'Description', max: 300, required: true },
  { name: 'material', label: 'Material', max: 200 },
  { name: 'color', label: 'Color', max: 100 },
  { name: 'sizeText', label: 'Size', max: 200 },
  { name: 'condition', label: 'Condition', max: 200 },
] as const satisfies readonly TextFieldSpec<string>[]

export type CatalogField = (typeof TEXT)[number]['name'] | 'lastPrice' | 'quantity'
export const CATALOG_FIELDS: CatalogField[] = [...TEXT.map((f) => f.name), 'lastPrice', 'quantity']
const LABELS = { ...labelsOf<CatalogField>(TEXT), lastPrice: 'Last price ($)', quantity: 'Quantity' }

/** Typed catalog values checked against the API's item limits (src/schemas/work-orders.ts itemFields). */
export function validateCatalog(values: Record<CatalogField, string>) {
  const { state, input } = validateTextFields<CatalogField>(TEXT, values)
  const price = values.lastPrice === '' ? null : Number(values.lastPrice.replace(/^\$/, ''))
  if (price !== null && (!Number.isFinite(price) || price < 0 || price > 1_000_000))
    state.errors.lastPrice = 'Enter a price like 45.50, or leave it empty'
  const quantity = values.quantity === '' ? 1 : Number(values.quantity)
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > 10_000)
    state.errors.quantity = 'Enter a whole number from 1 to 10000'
  const catalog: CatalogInput = {
    description: input.description ?? '',
    material: input.material,
    color: input.color,
    sizeText: input.sizeText,
    condition: input.condition,
    lastPrice: price === null ? null : Math.round(price * 100) / 100,
    quantity,
  }
  return { state, catalog }
}

export const catalogValues = (item: CustomerItem): Record<CatalogField, string> => ({
  description: item.description,
  material: item.material ?? '',
  color: item.color ?? '',
  sizeText: item.sizeText ?? '',
  condition: item.condition ?? '',
  lastPrice: item.lastPrice === null ? '' : item.lastPrice.toFixed(2),
  quantity: String(item.quantity),
})

export const money = (value: number | null) => (value === null ? '' : `$${value.toFixed(2)}`)

/** One catalog form (add, or edit of one piece). Field ids repeat, so the add form hides while editing. */
function CatalogForm(props: {
  action: string
  hxTarget: string
  state: FormState<CatalogField>
  submit: string
  cancel?: string
}) {
  const { action, hxTarget, state, submit, cancel } = props
  return (
    <form
      method="post"
      action={action}
      novalidate
      class="catalog-form"
      hx-post={action}
      hx-target={hxTarget}
      hx-swap="outerHTML"
    >
      <ErrorSummary state={state} labels={LABELS} />
      <div class="form-grid">
        {TEXT.map((f) => (
          <Field name={f.name} label={f.label} state={state} required={'required' in f} />
        ))}
        <Field name="lastPrice" label={LABELS.lastPrice} state={state} inputMode="decimal" />
        <Field name="quantity" label={LABELS.quantity} state={state} type="number" inputMode="numeric" />
      </div>
      <button type="submit">{submit}</button>
      {cancel && (
        <a href={cancel} hx-get={cancel} hx-target={hxTarget} hx-swap="outerHTML" class="button-link">
          Cancel
        </a>
      )}
    </form>
  )
}

export interface CatalogProps {
  customerId: number
  items: CustomerItem[]
  canWrite: boolean
  /** The piece being edited, with its form state (values kept on a 422). */
  editing?: { id: number; state: FormState<CatalogField> } | undefined
  adding?: FormState<CatalogField> | undefined
  /** A success or conflict message after an inline change. */
  notice?: string | undefined
}

/** The customer's item catalog: the whole section is what htmx swaps after every inline change. */
export function Catalog({ customerId, items, canWrite, editing, adding, notice }: CatalogProps) {
  const base = `/customers/${customerId}/catalog`
  return (
    <section id="catalog" aria-labelledby="catalog-heading">
      <h2 id="catalog-heading">Item catalog</h2>
      <p class="hint">
        The pieces the shop keeps cleaning for this customer, with the price charged last time.
      </p>
      {notice && (
        <p class="flash flash-info" role="status">
          {notice}
        </p>
      )}
      {items.length === 0 && <p>No pieces yet: they are added here or by the customer's orders.</p>}
      <ul class="catalog">
        {items.map((item) =>
          editing?.id === item.id ? (
            <li id={`catalog-item-${item.id}`}>
              <h3>{`Edit ${item.description}`}</h3>
              <CatalogForm
                action={`${base}/${item.id}`}
                hxTarget="#catalog"
                state={editing.state}
                submit="Save piece"
                cancel={base}
              />
            </li>
          ) : (
            <li id={`catalog-item-${item.id}`}>
              <p class="catalog-line">
                <strong>{item.description}</strong>
                {[item.material, item.color, item.sizeText].filter(Boolean).map((part) => (
                  <span class="catalog-part">{part}</span>
                ))}
                {item.squareFeet !== null && <span class="catalog-part">{`${item.squareFeet} sq ft`}</span>}
                {item.quantity > 1 && <span class="catalog-part">{`× ${item.quantity}`}</span>}
                <span class="catalog-price">
                  {item.lastPrice === null ? 'no price yet' : `last ${money(item.lastPrice)}`}
                </span>
              </p>
              {item.condition && <p class="hint">{`Condition: ${item.condition}`}</p>}
              {canWrite && (
                <div class="actions">
                  <a
                    href={`/customers/${customerId}?editItem=${item.id}#catalog-item-${item.id}`}
                    hx-get={`${base}?editItem=${item.id}`}
                    hx-target="#catalog"
                    hx-swap="outerHTML"
                    class="button-link"
                  >
                    Edit<span class="visually-hidden">{` ${item.description}`}</span>
                  </a>
                  <ConfirmDeleteHx action={`${base}/${item.id}/delete`} what={`piece ${item.description}`} />
                </div>
              )}
            </li>
          ),
        )}
      </ul>
      {canWrite && !editing && (
        <details open={adding && Object.keys(adding.errors).length > 0 ? true : undefined}>
          <summary>Add a piece</summary>
          <CatalogForm
            action={base}
            hxTarget="#catalog"
            state={adding ?? { values: {}, errors: {} }}
            submit="Add piece"
          />
        </details>
      )}
    </section>
  )
}

/**
 * A delete button posted by htmx into the catalog. hx-confirm, not data-confirm: app.js would ask a second
 * time for a form htmx submits (its submit listener and htmx:confirm would both ask).
 */
function ConfirmDeleteHx({ action, what }: { action: string; what: string }) {
  return (
    <form
      method="post"
      action={action}
      class="inline"
      hx-post={action}
      hx-target="#catalog"
      hx-swap="outerHTML"
      hx-confirm={`Delete ${what}? This cannot be undone.`}
    >
      <button type="submit" class="danger">
        Delete<span class="visually-hidden">{` ${what}`}</span>
      </button>
    </form>
  )
}
