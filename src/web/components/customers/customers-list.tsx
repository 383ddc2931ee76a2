import type { VNode } from 'preact'
import type { ListQueryValues } from '../paged-table.js'
import { CsvLink, CUSTOMER_FILTER_FIELDS, CUSTOMER_TABLE_ID, HiddenListState } from './customers-table.js'

/**
 * Each input searches as the user types (htmx, 300 ms after the last key) and swaps only the table; the
 * form's other values ride along (hx-include), the page starts again at 1. Without JavaScript the form is
 * a plain GET form with a button.
 */
const searchAttrs = {
  'hx-get': '/customers',
  'hx-trigger': 'keyup changed delay:300ms, search',
  'hx-target': `#${CUSTOMER_TABLE_ID}`,
  'hx-swap': 'outerHTML',
  'hx-push-url': 'true',
  'hx-include': 'closest form',
}

export function CustomersListPage(props: { query: ListQueryValues; canWrite: boolean; table: VNode }) {
  const { query, canWrite, table } = props
  const value = (name: string) => (query[name] === undefined ? '' : String(query[name]))
  return (
    <section>
      <div class="page-head">
        <h1>Customers</h1>
        {canWrite && (
          <a class="button-link primary" href="/customers/new">
            New customer
          </a>
        )}
      </div>
      <form method="get" action="/customers" class="filters" aria-label="Search Customers">
        <div class="field search-field">
          <label for="customers-q">Search name, contact, phone, e-mail, city or source</label>
          <input
            id="customers-q"
            type="search"
            name="q"
            value={value('q')}
            autocomplete="off"
            {...searchAttrs}
          />
        </div>
        <details open={CUSTOMER_FILTER_FIELDS.some((f) => value(f.name)) ? true : undefined}>
          <summary>Filter by column</summary>
          <div class="form-grid">
            {CUSTOMER_FILTER_FIELDS.map((f) => (
              <div class="field">
                <label for={`customers-f-${f.name}`}>{f.label}</label>
                <input
                  id={`customers-f-${f.name}`}
                  type="text"
                  name={f.name}
                  value={value(f.name)}
                  autocomplete="off"
                  inputMode={'inputMode' in f ? f.inputMode : undefined}
                  {...searchAttrs}
                />
              </div>
            ))}
          </div>
        </details>
        <HiddenListState query={query} />
        <button type="submit">Search</button>
      </form>
      {canWrite && (
        <p>
          <CsvLink query={query} />
        </p>
      )}
      {table}
    </section>
  )
}
