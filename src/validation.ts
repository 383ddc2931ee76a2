import AjvCompiler from '@fastify/ajv-compiler'
import type { FastifyServerOptions } from 'fastify'
import { isCalendarDate } from './domain/shop-date.js'

/**
 * How requests are validated (issue 15, items 1, 2, 7 and 8): one Ajv setup for every route.
 *
 * - JSON bodies are not coerced: a number stays a number and a string a string, so `{"sourceId": 0}` meets
 *   the schema's minimum instead of becoming `null`, and `name: 12345` is refused rather than stored as "12345".
 * - Path, query and header values are strings on the wire; they are coerced as before, but a number there
 *   must be written in plain decimal digits first (`0x10`, `1e3`, ` 1`, `+1` are 400, not 16, 1000 and 1).
 * - No string anywhere in the request may carry U+0000 or a lone surrogate: PostgreSQL `text` and `jsonb`
 *   hold neither, so they would fail the statement (a 500) or be replaced silently by the driver.
 * - Every integer a client sends must declare its range in the schema (checked when routes compile), so an
 *   id past int4 is a 400 from the schema and never "out of range for type integer" from PostgreSQL.
 */

// String.prototype.isWellFormed is in Node 20 (V8 11.3); its type is in lib ES2024.
declare global {
  interface String {
    isWellFormed(): boolean
  }
}

type Schema = Record<string, unknown>
type ErrorObject = AjvCompiler.ErrorObject
interface Validate {
  (data: unknown, context?: unknown): boolean | Promise<unknown>
  errors?: ErrorObject[] | null | undefined
  schemaEnv?: unknown
}
type BuildValidator = NonNullable<
  NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildValidator']
>
type AjvValidate = ReturnType<ReturnType<BuildValidator>>

const DIGITS = { integer: /^-?\d+$/, number: /^-?\d+(\.\d+)?$/ } as const
type Numeric = keyof typeof DIGITS

const COMMON = { removeAdditional: false, useDefaults: true, allErrors: false } as const

/** ajv-formats' `date` accepts year 0000, which PostgreSQL refuses. */
const onCreate = (ajv: AjvCompiler.Ajv) => {
  ajv.addFormat('date', { type: 'string', validate: isCalendarDate })
}

export const buildValidator: BuildValidator = (externalSchemas) => {
  const pool = AjvCompiler()
  const strict = pool(externalSchemas, { customOptions: { ...COMMON, coerceTypes: false }, onCreate })
  const coercing = pool(externalSchemas, { customOptions: { ...COMMON, coerceTypes: 'array' }, onCreate })
  return (route) => {
    const schema = route.schema as Schema
    assertBoundedIntegers(schema, `${route.method} ${route.url} ${route.httpPart}`)
    const validate =
      route.httpPart === 'body'
        ? guarded(strict(route) as Validate, new Map())
        : guarded(coercing(route) as Validate, numericProperties(schema))
    return validate as unknown as AjvValidate
  }
}

/** Ajv's validator behind our two checks; its errors read like Ajv's own ("body/name must …"). */
function guarded(validate: Validate, numeric: Map<string, Numeric>): Validate {
  const wrapper: Validate = (data, context) => {
    const problem = textProblem(data) ?? numericProblem(data, numeric)
    if (problem) {
      wrapper.errors = [problem]
      return false
    }
    const valid = validate(data, context)
    wrapper.errors = validate.errors
    return valid
  }
  // Fastify passes the parent object only to validators with a schemaEnv (Ajv's), for root coercion.
  wrapper.schemaEnv = validate.schemaEnv
  return wrapper
}

function problemAt(path: string[], keyword: string, message: string): ErrorObject {
  const pointer = path.map((p) => `/${p.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('')
  return { instancePath: pointer, schemaPath: `#/${keyword}`, keyword, params: {}, message }
}

function badText(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)'
  if (!text.isWellFormed()) return 'must be well-formed Unicode (a lone surrogate is not text)'
  return undefined
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  if (Array.isArray(value)) return true
  if (typeof value !== 'object' || value === null) return false
  // JSON objects, and query/params objects (whose prototype has a null prototype); not streams or buffers.
  const proto = Object.getPrototypeOf(value)
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null
}

/** The first string (value or key) in the data that PostgreSQL could not store. Iterative: any depth. */
function textProblem(data: unknown): ErrorObject | undefined {
  const stack: [unknown, string[]][] = [[data, []]]
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [value, path] = item
    if (typeof value === 'string') {
      const message = badText(value)
      if (message) return problemAt(path, 'text', message)
    } else if (isContainer(value)) {
      for (const [key, child] of Object.entries(value)) {
        const message = badText(key)
        if (message) return problemAt([...path, key], 'text', `has a key that ${message}`)
        stack.push([child, [...path, key]])
      }
    }
  }
  return undefined
}

function numericProblem(data: unknown, numeric: Map<string, Numeric>): ErrorObject | undefined {
  if (numeric.size === 0 || !isContainer(data) || Array.isArray(data)) return undefined
  for (const [key, kind] of numeric) {
    for (const value of [data[key]].flat()) {
      if (typeof value === 'string' && !DIGITS[kind].test(value)) {
        return problemAt(
          [key],
          'type',
          `must be ${kind === 'integer' ? 'an integer' : 'a number'} in decimal digits`,
        )
      }
    }
  }
  return undefined
}

/** Properties of a params/querystring/headers object schema that take a number. */
function numericProperties(schema: Schema): Map<string, Numeric> {
  const found = new Map<string, Numeric>()
  for (const [key, property] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
    const kind = numericKind(property)
    if (kind) found.set(key, kind)
  }
  return found
}

function numericKind(schema: Schema): Numeric | undefined {
  const types = [schema.type].flat()
  if (types.includes('string')) return undefined // a string is acceptable as it is
  if (types.includes('integer')) return 'integer'
  if (types.includes('number')) return 'number'
  const branches = [schema.anyOf, schema.oneOf].flat().filter(Boolean) as Schema[]
  if (branches.some((b) => [b.type].flat().includes('string'))) return undefined
  const kinds = branches.map(numericKind)
  return kinds.includes('number') ? 'number' : kinds.includes('integer') ? 'integer' : undefined
}

/** Every integer a request may carry has a minimum and a maximum; a route without them fails to start. */
function assertBoundedIntegers(schema: unknown, where: string) {
  if (Array.isArray(schema)) {
    for (const s of schema) assertBoundedIntegers(s, where)
    return
  }
  if (typeof schema !== 'object' || schema === null) return
  const node = schema as Schema
  if ([node.type].flat().includes('integer') && (node.minimum === undefined || node.maximum === undefined)) {
    throw new Error(
      `${where}: an integer needs a minimum and a maximum (PostgreSQL's int4 stops at 2147483647)`,
    )
  }
  for (const [key, child] of Object.entries(node)) {
    if (key !== 'default' && key !== 'examples' && key !== 'enum' && key !== 'const')
      assertBoundedIntegers(child, where)
  }
}
