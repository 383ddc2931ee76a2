import { isForeignKeyViolation, isUniqueViolation } from '../db/constraint-errors.js'
import type { NewSource } from '../models/index.js'
import type { ListParams } from '../repositories/list-query.js'
import { createSourcesRepository } from '../repositories/sources.js'
import { SourceErrors } from './sources.errors.js'
import { auditedWrite, type WriteContext, type WriteDeps } from './write-context.js'

export type SourceInput = Omit<NewSource, 'id' | 'createdAt' | 'updatedAt'>

export function createSourcesService(deps: WriteDeps) {
  const repo = createSourcesRepository(deps.db)
  return {
    list: (params: ListParams) => repo.list(params),

    async get(id: number) {
      const source = await repo.get(id)
      if (!source) throw SourceErrors.notFound()
      return source
    },

    create: (ctx: WriteContext, input: SourceInput) =>
      auditedWrite(deps, ctx, async (tx) => {
        const source = await repo.create(input, tx)
        if (!source) throw SourceErrors.nameTaken(input.name)
        return {
          result: source,
          audit: {
            action: 'source.created',
            entity: 'source',
            entityId: source.id,
            summary: { name: source.name },
          },
          change: { entity: 'source', action: 'created', ids: [source.id] },
        }
      }),

    async update(ctx: WriteContext, id: number, input: Partial<SourceInput>) {
      try {
        return await auditedWrite(deps, ctx, async (tx) => {
          const source = await repo.update(id, input, tx)
          if (!source) throw SourceErrors.notFound()
          return {
            result: source,
            audit: { action: 'source.updated', entity: 'source', entityId: id, summary: { changes: input } },
            change: { entity: 'source', action: 'updated', ids: [id] },
          }
        })
      } catch (err) {
        if (isUniqueViolation(err)) throw SourceErrors.nameTaken(input.name ?? '')
        throw err
      }
    },

    async remove(ctx: WriteContext, id: number) {
      try {
        await auditedWrite(deps, ctx, async (tx) => {
          const removed = await repo.remove(id, tx)
          if (!removed) throw SourceErrors.notFound()
          return {
            result: undefined,
            audit: { action: 'source.deleted', entity: 'source', entityId: id },
            change: { entity: 'source', action: 'deleted', ids: [id] },
          }
        })
      } catch (err) {
        if (isForeignKeyViolation(err)) {
          throw SourceErrors.inUse()
        }
        throw err
      }
    },
  }
}

export type SourcesService = ReturnType<typeof createSourcesService>
