// EXPLAIN (ANALYZE, BUFFERS) of the statements the list endpoints send, for every sort they offer in both
// directions, on whatever database DATABASE_URL names (e.g. one loaded with bench/legacy-csv.ts through the
// import). The statements are built by the repositories themselves and captured as sent, with parameters.
//   DATABASE_URL=postgres://… npx tsx bench/explain-lists.ts [--full] [--only workOrders]
import { parseArgs } from 'node:util'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/db/index.js'
import { CUSTOMER_FIELDS, createCustomersRepository } from '../src/repositories/customers.js'
import type { ListField, ListParams } from '../src/repositories/list-query.js'
import { createSourcesRepository, SOURCE_FIELDS } from '../src/repositories/sources.js'
import { createWorkOrdersRepository, WORK_ORDER_FIELDS } from '../src/repositories/work-orders.js'

const { values } = parseArgs({ options: { full: { type: 'boolean' }, only: { type: 'string' } } })
const config = loadConfig({ ...process.env, SECRET_KEY: 'explain-only-0123456789-abcdefghijklmnopq' })
let captured: { sql: string; params: unknown[] }[] = []
const database = await openDatabase(
  config.database,
  { warn() {}, error() {} },
  { onQuery: (sql, params) => captured.push({ sql, params }) },
)

type PlanNode = {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  'Actual Total Time'?: number
  'Sort Method'?: string
  Plans?: PlanNode[]
}
/** The plan as one line: node types, outermost first, with their relation or index. */
function outline(node: PlanNode): string {
  const self = `${node['Node Type']}${node['Index Name'] ? ` ${node['Index Name']}` : node['Relation Name'] ? ` ${node['Relation Name']}` : ''}${node['Sort Method'] ? ` (${node['Sort Method']})` : ''}`
  const children = (node.Plans ?? []).map(outline)
  return children.length
    ? `${self} < ${children.length > 1 ? `[${children.join(' | ')}]` : children[0]}`
    : self
}

const lists: Record<
  string,
  { fields: Record<string, ListField>; list: (p: ListParams) => Promise<unknown> }
> = {
  workOrders: { fields: WORK_ORDER_FIELDS, list: (p) => createWorkOrdersRepository(database.db).list(p) },
  customers: { fields: CUSTOMER_FIELDS, list: (p) => createCustomersRepository(database.db).list(p) },
  sources: { fields: SOURCE_FIELDS, list: (p) => createSourcesRepository(database.db).list(p) },
}
for (const [name, { fields, list }] of Object.entries(lists)) {
  if (values.only && values.only !== name) continue
  console.log(`\n== ${name}`)
  const sorts = [
    undefined,
    ...Object.keys(fields)
      .filter((f) => fields[f]?.sort)
      .flatMap((f) => [f, `-${f}`]),
  ]
  for (const sort of sorts) {
    captured = []
    await list({ page: 1, pageSize: 50, sort, filters: {} })
    // The page's ids (or rows) carry the ORDER BY; the count is the other statement without one.
    const statements = captured.filter((q) => !/= any\(/.test(q.sql))
    for (const q of statements) {
      const kind = /order by/i.test(q.sql) ? 'page ' : 'count'
      if (kind === 'count' && sort !== undefined) continue // the same count for every sort
      const [row] = await database.withSession((s) =>
        s.query<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }>(
          `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${q.sql}`,
          q.params,
        ),
      )
      const plan = row?.['QUERY PLAN'][0]
      if (!plan) continue
      console.log(
        `${kind} ${(sort ?? '(none)').padEnd(16)} ${plan['Execution Time'].toFixed(2).padStart(8)} ms  ${outline(plan.Plan)}`,
      )
      if (values.full) {
        const lines = await database.withSession((s) =>
          s.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params),
        )
        console.log(lines.map((r) => `    ${r['QUERY PLAN']}`).join('\n'))
      }
    }
  }
}
await database.close()
