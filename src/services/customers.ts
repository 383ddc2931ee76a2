export type { ListParams, Page } from '../repositories/list-query.js'

import { isForeignKeyViolation } from '../db/constraint-errors.js'
import { formatPhone } from '../domain/legacy.js'
import type { NewCustomer } from '../models/index.js'
import { createCustomersRepository } from '../repositories/customers.js'
import type { CountMatches, ListParams } from '../repositories/list-query.js'
import { CustomerErrors } from './customers.errors.js'
import { auditedWrite, type WriteContext, type WriteDeps } from './write-context.js'

export type CustomerInput = Omit<NewCustomer, 'id' | 'customerNo' | 'createdAt' | 'updatedAt'>

const PHONES = ['homePhone', 'workPhone', 'cellPhone'] as const

/** Phones are stored in one format, so search and display agree; unparseable text is kept as typed. */
function normalizePhones<T extends Partial<CustomerInput>>(input: T): T {
  const out = { ...input }
  for (const key of PHONES) {
    const value = out[key]
    if (typeof value === 'string') out[key] = formatPhone(value) as T[typeof key]
  }
  return out
}

export function primaryPhone(c: {
  cellPhone: string | null
  homePhone: string | null
  workPhone: string | null
}) {
  return c.cellPhone ?? c.homePhone ?? c.workPhone ?? null
}

export function createCustomersService(deps: WriteDeps & { countMatches?: CountMatches }) {
  const repo = createCustomersRepository(deps.db)

  async function guardSource<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (err) {
      if (isForeignKeyViolation(err)) throw CustomerErrors.unknownSource()
      throw err
    }
  }

  return {
    list: (params: ListParams) => repo.list(params, deps.countMatches),

    async detail(id: number) {
      const customer = await repo.detail(id)
      if (!customer) throw CustomerErrors.notFound()
      return { ...customer, primaryPhone: primaryPhone(customer) }
    },

    create: (ctx: WriteContext, input: CustomerInput) =>
      guardSource(() =>
        auditedWrite(deps, ctx, async (tx) => {
          const customer = await repo.create(normalizePhones(input), tx)
          return {
            result: customer,
            audit: {
              action: 'customer.created',
              entity: 'customer',
              entityId: customer.id,
              summary: { name: customer.name },
            },
            change: { entity: 'customer', action: 'created', ids: [customer.id] },
          }
        }),
      ),

    update: (ctx: WriteContext, id: number, input: Partial<CustomerInput>) =>
      guardSource(() =>
        auditedWrite(deps, ctx, async (tx) => {
          const customer = await repo.update(id, normalizePhones(input), tx)
          if (!customer) throw CustomerErrors.notFound()
          return {
            result: customer,
            audit: {
              action: 'customer.updated',
              entity: 'customer',
              entityId: id,
              summary: { changes: Object.keys(input) },
            },
            change: { entity: 'customer', action: 'updated', ids: [id] },
          }
        }),
      ),

    /** A customer with work orders is never deleted (the legacy system answered that with a 500). */
    remove: (ctx: WriteContext, id: number) =>
      auditedWrite(deps, ctx, async (tx) => {
        const customer = await repo.get(id, tx)
        if (!customer) throw CustomerErrors.notFound()
        const orders = await repo.orderCount(id, tx)
        if (orders > 0) {
          throw CustomerErrors.hasWorkOrders(customer.customerNo, orders)
        }
        await repo.remove(id, tx)
        return {
          result: undefined,
          audit: {
            action: 'customer.deleted',
            entity: 'customer',
            entityId: id,
            summary: { name: customer.name },
          },
          change: { entity: 'customer', action: 'deleted', ids: [id] },
        }
      }),
  }
}

export type CustomersService = ReturnType<typeof createCustomersService>
