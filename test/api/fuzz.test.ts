import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../helpers/app.js'
import { userWithSession } from '../helpers/auth.js'

/**
 * One property walks the app's own OpenAPI document: for every operation it generates path parameters,
 * query strings and JSON bodies from the operation's schemas, mixed with hostile values, and asserts that
 * no answer is a 5xx. A new route is fuzzed as soon as it is documented (issue 15).
 * FUZZ_RUNS=500 npx vitest run test/api/fuzz.test.ts for a longer walk.
 */

type Schema = {
  $ref?: string
  type?: string | string[]
  enum?: unknown[]
  const?: unknown
  format?: string
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  pattern?: string
  properties?: Record<string, Schema>
  required?: string[]
  items?: Schema
  maxItems?: number
  anyOf?: Schema[]
  oneOf?: Schema[]
  allOf?: Schema[]
}
type Parameter = { name: string; in: string; required?: boolean; schema?: Schema }
type Operation = {
  parameters?: Parameter[]
  requestBody?: { content?: Record<string, { schema?: Schema }> }
}
type Document = {
  paths: Record<string, Record<string, Operation>>
  components?: { schemas?: Record<string, Schema> }
}

const RUNS = Number(process.env.FUZZ_RUNS ?? 20)
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const
const MEGABYTE_TEXT = 'x'.repeat(1_000_000)
const HOSTILE_NUMBERS = [0, -1, 1.5, 2_147_483_648, -2_147_483_649, 1e308, Number.MAX_SAFE_INTEGER]

const pad = (n: number) => String(n).padStart(2, '0')
/** Real and impossible calendar dates alike: the server must tell them apart before PostgreSQL does. */
const anyDate = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`)
const realDate = fc
  .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))

/**
 * What a hostile client sends, by kind: NUL, lone surrogates, impossible dates and date ranges, numbers
 * written as decimals, hex, exponents or past int4, any code unit at all, the wrong JSON type, and now
 * and then a string of a megabyte.
 */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('\u0000', 'a\u0000b', `${'x'.repeat(50)}\u0000`) },
  { weight: 3, arbitrary: fc.constantFrom('\ud800', 'lone \udc00 low', '\udbff\ud800x') },
  {
    weight: 3,
    arbitrary: fc.oneof(
      anyDate,
      fc.tuple(anyDate, fc.constantFrom('..', '-'), anyDate).map((parts) => parts.join('')),
      fc.constantFrom('2025-02-30', '2025-02-29', '2024-02-30..', '..2023-02-29', '0000-01-01'),
    ),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '1.5',
      '1.5-2',
      '1e3',
      '0x10',
      ' 1',
      '+1',
      '-1',
      '2147483648',
      '1-99999999999',
      '',
    ),
  },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, [], {}, 'null', '%', "'", '\\') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      MEGABYTE_TEXT,
      `${MEGABYTE_TEXT}\u0000`,
      `\ud800${MEGABYTE_TEXT.slice(0, 200_000)}`,
    ),
  },
)

function resolve(doc: Document, schema: Schema): Schema {
  if (!schema.$ref) return schema
  const name = schema.$ref.split('/').pop() ?? ''
  return doc.components?.schemas?.[name] ?? {}
}

interface Generation {
  doc: Document
  knownIds: number[]
  /** One value in `poison + 1` is hostile: about one hostile value per request, the rest valid. */
  poison: number
}

/** A valid value most of the time, a hostile one now and then: valid neighbours let it reach the services. */
function leaf(g: Generation, schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: g.poison, arbitrary: valid(g, schema, depth) }, { weight: 1, arbitrary: hostile })
}

/** Values the schema accepts (their parts may again be hostile). */
function valid(g: Generation, raw: Schema, depth: number): fc.Arbitrary<unknown> {
  const schema = resolve(g.doc, raw)
  const branches = schema.anyOf ?? schema.oneOf ?? schema.allOf
  if (branches?.length) return fc.oneof(...branches.map((b) => valid(g, b, depth + 1)))
  if (schema.enum) return fc.constantFrom(...schema.enum)
  if (schema.const !== undefined) return fc.constant(schema.const)
  switch ([schema.type].flat()[0]) {
    case 'integer': {
      const min = schema.minimum ?? -1000
      const max = schema.maximum ?? 1000
      const known = g.knownIds.filter((id) => id >= min && id <= max)
      const any = fc.integer({ min, max })
      return known.length ? fc.oneof(fc.constantFrom(...known), any) : any
    }
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true })
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'string':
      if (schema.format === 'date') return realDate
      if (schema.format === 'uuid') return fc.uuid()
      if (schema.format === 'email') return fc.emailAddress()
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern))
      return fc.string({
        unit: 'grapheme',
        minLength: schema.minLength ?? 0,
        maxLength: Math.max(schema.minLength ?? 0, Math.min(schema.maxLength ?? 40, 40)),
      })
    case 'array':
      if (depth > 4) return fc.constant([])
      return fc.array(leaf(g, schema.items ?? {}, depth + 1), {
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      })
    case 'object': {
      if (depth > 4) return fc.constant({})
      const properties = schema.properties ?? {}
      return fc.record(
        Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, leaf(g, s, depth + 1)])),
        { requiredKeys: (schema.required ?? []).filter((k) => k in properties) },
      )
    }
    default:
      return hostile
  }
}

/** A path or query value: the generated value as text, or hostile text as it is. */
function asText(value: unknown): string {
  if (typeof value === 'string') return value
  return value === null || value === undefined ? '' : JSON.stringify(value)
}

/** Percent-encodes a string as UTF-8; lone surrogates (which encodeURIComponent throws on) become U+FFFD. */
const encode = (text: string) => encodeURIComponent(text.toWellFormed())

// In Node 20 (V8 11.3); its type is in lib ES2024.
declare global {
  interface String {
    toWellFormed(): string
  }
}

/** Escapes a client may send that no JavaScript string encodes: NUL, UTF-8 of a surrogate, overlong, broken. */
const RAW_ESCAPES = ['%00', '%ED%A0%80', '%C0%80', '%ZZ', '%', '%FF']

interface Case {
  method: string
  path: string
  operation: Operation
}

function operationsOf(doc: Document): Case[] {
  const cases: Case[] = []
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const operation = item[method]
      if (operation) cases.push({ method: method.toUpperCase(), path, operation })
    }
  }
  // Deletions last, so the rows made below stay for the other operations to find.
  return cases.sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'))
}

/** What every parameter and every body field is sent at least once, on an otherwise valid request. */
const SWEEP_TEXT = ['\u0000', '2025-02-30..', '1.5-2', '0x10', '2147483648']
const SWEEP_JSON = ['a\u0000', '\ud800', 0, '', 12345, 2_147_483_648]

type Request = {
  path: Record<string, string>
  query: Record<string, string>
  body: unknown
  raw: string | null
}

/**
 * The deterministic part of the walk: one request per (parameter or top-level body field, sweep value),
 * the rest of the request valid, so each old 500 of issue 15 is met on every run, not by chance.
 */
function sweepOf(doc: Document, c: Case, knownIds: number[]): [Request][] {
  const g: Generation = { doc, knownIds, poison: 1_000_000 }
  const one = <T>(arbitrary: fc.Arbitrary<T>) => fc.sample(arbitrary, { numRuns: 1, seed: 15 })[0] as T
  const parameters = c.operation.parameters ?? []
  const inPath = parameters.filter((p) => p.in === 'path')
  const path = Object.fromEntries(inPath.map((p) => [p.name, asText(one(valid(g, p.schema ?? {}, 0)))]))
  const bodySchema = c.operation.requestBody?.content?.['application/json']?.schema
  const body = bodySchema ? one(valid(g, bodySchema, 0)) : undefined
  const requests: Request[] = []
  for (const p of parameters) {
    for (const value of SWEEP_TEXT) {
      if (p.in === 'path') requests.push({ path: { ...path, [p.name]: value }, query: {}, body, raw: null })
      if (p.in === 'query') requests.push({ path, query: { [p.name]: value }, body, raw: null })
    }
  }
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    for (const field of Object.keys(resolve(doc, bodySchema ?? {}).properties ?? {})) {
      for (const value of SWEEP_JSON)
        requests.push({ path, query: {}, body: { ...body, [field]: value }, raw: null })
    }
  }
  return requests.map((r) => [r])
}

function requestOf(doc: Document, c: Case, knownIds: number[]): fc.Arbitrary<Request> {
  const parameters = c.operation.parameters ?? []
  const inPath = parameters.filter((p) => p.in === 'path')
  const inQuery = parameters.filter((p) => p.in === 'query')
  const bodySchema = c.operation.requestBody?.content?.['application/json']?.schema
  const fields = Object.keys(resolve(doc, bodySchema ?? {}).properties ?? {}).length
  const g: Generation = { doc, knownIds, poison: Math.max(2, inPath.length + 2, fields) }
  const text = (p: Parameter) => leaf(g, p.schema ?? {}).map(asText)
  const path = fc.record(Object.fromEntries(inPath.map((p) => [p.name, text(p)]))) as fc.Arbitrary<
    Record<string, string>
  >
  // A few query parameters at a time: a filter that is wrong for another reason must not hide the hostile one.
  const query = fc
    .subarray(inQuery, { maxLength: Math.min(3, inQuery.length) })
    .chain((chosen) => fc.record(Object.fromEntries(chosen.map((p) => [p.name, text(p)])))) as fc.Arbitrary<
    Record<string, string>
  >
  const body = bodySchema ? leaf(g, bodySchema) : fc.constant(undefined)
  const raw = fc.option(fc.constantFrom(...RAW_ESCAPES), { freq: 6 })
  return fc.record({ path, query, body, raw })
}

describe('fuzzing every operation of the OpenAPI document', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>
  let doc: Document
  const knownIds: number[] = [1, 2]

  beforeAll(async () => {
    ctx = await createTestApp({
      env: { LOGIN_RATE_LIMIT_PER_MIN: '100000', CRON_SECRET: 'fuzz-cron-secret-value' },
    })
    await ctx.app.ready()
    doc = ctx.app.swagger() as unknown as Document
    // A few rows, so generated ids find something to read, change and delete.
    const { bearer } = await userWithSession(ctx.app, 'admin')
    const post = async (url: string, payload: object) =>
      (await ctx.app.inject({ method: 'POST', url, headers: bearer, payload })).json()
    const source = await post('/api/sources', { name: 'Fuzz Sail Loft' })
    const customer = await post('/api/customers', { name: 'Fuzz Marina', sourceId: source.id })
    const order = await post('/api/work-orders', {
      customerId: customer.id,
      items: [{ description: 'Bimini top', sizeText: '6x8', unitPrice: 120 }],
    })
    knownIds.push(source.id, customer.id, order.workOrderNo, order.items[0].id)
  }, 120_000)
  afterAll(() => ctx.close())

  it('documents every route, so none escapes the walk', () => {
    const documented = new Set(
      operationsOf(doc).map((c) => `${c.method} ${c.path.replace(/\{(\w+)\}/g, ':$1')}`),
    )
    const routes = ctx.app.routeAccess
      .filter((r) => !r.url.startsWith('/docs'))
      .map((r) => `${r.method} ${r.url}`)
      .filter((r) => !ctx.app.webRoutes.has(r)) // pages are HTML, not API operations
    expect(routes.filter((r) => !documented.has(r))).toEqual([])
  })

  it('never answers 5xx, whatever the path parameters, query and JSON body', async () => {
    const failures: string[] = []
    // Logging out would end the session the rest of the walk uses.
    const cases = operationsOf(doc).filter((c) => c.path !== '/auth/logout')
    expect(cases.length).toBeGreaterThan(40)
    for (const c of cases) {
      // A fresh admin per operation: one that deactivated or demoted its own account stops nothing.
      const { bearer } = await userWithSession(ctx.app, 'admin')
      const result = await fc.check(
        fc.asyncProperty(requestOf(doc, c, knownIds), async ({ path, query, body, raw }) => {
          // A raw escape goes into the first path parameter, or the first query parameter, as sent.
          const names = Object.keys(path)
          const url = c.path.replace(/\{(\w+)\}/g, (_, name: string) =>
            raw !== null && name === names[0] ? raw : encode(path[name] ?? ''),
          )
          const firstQuery = c.operation.parameters?.find((p) => p.in === 'query')?.name
          const pairs = Object.entries(query).map(([k, v]) => `${encode(k)}=${encode(v)}`)
          if (raw !== null && names.length === 0 && firstQuery) pairs.push(`${firstQuery}=${raw}`)
          const search = pairs.join('&')
          const res = await ctx.app.inject({
            method: c.method as 'GET',
            url: search ? `${url}?${search}` : url,
            headers: { ...bearer, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
            ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
          })
          if (res.statusCode >= 500) {
            const shown = JSON.stringify(body)?.slice(0, 300)
            throw new Error(
              `${c.method} ${url}?${search.slice(0, 300)} ${shown} → ${res.statusCode} ${res.body}`,
            )
          }
        }),
        { numRuns: RUNS, endOnFailure: true, examples: sweepOf(doc, c, knownIds) },
      )
      if (result.failed) failures.push(String((result.errorInstance as Error | undefined)?.message))
    }
    expect(failures).toEqual([])
  }, 600_000)
})
