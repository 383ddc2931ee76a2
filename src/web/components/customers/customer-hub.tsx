import type { Customer, CustomerItem, Source } from '../../../models/index.js'
import { workOrdersLink } from '../../pages/dashboard.js'
import { ConfirmDelete } from '../confirm-delete.js'
import { StatusBadge } from '../status-badge.js'
import { Catalog, type CatalogProps, money } from './catalog.js'
import { EmailPreference } from './email-preference.js'

export interface HubOrder {
  workOrderNo: number
  customerName: string
  name: string | null
  status: string
  dateIn: string
  dateRequired: string | null
  rush: boolean
  itemCount: number
  total: number
}

export interface HubData {
  customer: Customer & { primaryPhone: string | null; source: Source | null; items: CustomerItem[] }
  orders: HubOrder[]
  orderTotal: number
  canWrite: boolean
  /** The refusal of a delete (409) or another message shown at the top. */
  problem?: string | undefined
  catalog?: Partial<CatalogProps>
}

const joined = (...parts: (string | null)[]) => parts.filter(Boolean).join(', ')

function Details({ customer }: { customer: HubData['customer'] }) {
  const rows: [string, string | null][] = [
    ['Contact', customer.contact],
    ['Address', joined(customer.address, customer.address2)],
    ['City', joined(customer.city, customer.state, customer.zip)],
    ['Cell phone', customer.cellPhone],
    ['Home phone', customer.homePhone],
    ['Work phone', customer.workPhone],
    ['E-mail', customer.email],
    [
      'Mailing address',
      joined(customer.mailAddress, customer.mailCity, customer.mailState, customer.mailZip),
    ],
  ]
  return (
    <dl class="facts">
      {rows
        .filter(([, value]) => value)
        .map(([label, value]) => (
          <>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </>
        ))}
      <dt>Source</dt>
      <dd>
        {customer.source ? (
          <a href={`/sources/${customer.source.id}`}>{customer.source.name}</a>
        ) : (
          'None (walk-in)'
        )}
      </dd>
    </dl>
  )
}

function Orders({ customerId, orders, total }: { customerId: number; orders: HubOrder[]; total: number }) {
  return (
    <section aria-labelledby="orders-heading">
      <h2 id="orders-heading">Work orders</h2>
      <div class="table-scroll">
        <table>
          <caption>
            {total > orders.length ? `Open first, ${orders.length} of ${total} ` : 'Open first '}(
            <a
              href={workOrdersLink({ customerId: String(customerId) })}
            >{`all ${total} in the work-order list`}</a>
            )
          </caption>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Status</th>
              <th scope="col">In</th>
              <th scope="col">Required</th>
              <th scope="col" class="num">
                Items
              </th>
              <th scope="col" class="num">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {orders.length === 0 && (
              <tr>
                <td colSpan={6}>No work orders yet.</td>
              </tr>
            )}
            {orders.map((o) => (
              <tr>
                <td>
                  <a href={`/work-orders/${o.workOrderNo}`}>{`#${o.workOrderNo}`}</a>
                  {o.name && ` ${o.name}`}
                  {o.rush && <span class="tag">rush</span>}
                </td>
                <td>
                  <StatusBadge status={o.status} />
                </td>
                <td>{o.dateIn}</td>
                <td>{o.dateRequired ?? ''}</td>
                <td class="num">{String(o.itemCount)}</td>
                <td class="num">{money(o.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

/** The customer hub: details and source, orders (open first), the catalog, and the one-click new order. */
export function CustomerHub({ data }: { data: HubData }) {
  const { customer, canWrite } = data
  return (
    <article class="hub">
      <p class="breadcrumb">
        <a href="/customers">Customers</a>
      </p>
      <h1>{`${customer.name} (#${customer.customerNo})`}</h1>
      {data.problem && (
        <div class="flash flash-error" role="alert">
          {data.problem}
        </div>
      )}
      <div class="actions">
        {canWrite && (
          <a class="button-link primary" href={`/work-orders/new?customerId=${customer.id}`}>
            New work order for this customer
          </a>
        )}
        {canWrite && (
          <a class="button-link" href={`/customers/${customer.id}/edit`}>
            Edit customer
          </a>
        )}
        {canWrite && (
          <ConfirmDelete action={`/customers/${customer.id}/delete`} what={`customer ${customer.name}`} />
        )}
      </div>
      <Details customer={customer} />
      <EmailPreference
        customerId={customer.id}
        email={customer.email}
        optedOutAt={customer.emailOptOutAt}
        canWrite={canWrite}
      />
      <Orders customerId={customer.id} orders={data.orders} total={data.orderTotal} />
      <Catalog customerId={customer.id} items={customer.items} canWrite={canWrite} {...data.catalog} />
    </article>
  )
}
