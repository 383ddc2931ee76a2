/**
 * Client errors carry a stable machine-readable code; the message is for people. Every code is declared
 * once, in the `*.errors.ts` registry beside the module that raises it (src/error-registry.ts collects
 * them; docs/ERRORS.md and the OpenAPI document are generated from that list).
 */
export class AppError extends Error {
  override name = 'AppError'
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }
}

// biome-ignore lint/suspicious/noExplicitAny: a definition's builder takes whatever its message takes
type Args = any[]
type Headers = Record<string, string>

/** A code whose message is fixed, or built from arguments (then `about` says what it means, for the docs). */
export type ErrorDefinition =
  | { status: number; code: string; message: string; headers?: () => Headers }
  | {
      status: number
      code: string
      about: string
      message: (...args: Args) => string
      headers?: (...args: Args) => Headers
    }

/** A code with a fixed message. */
export function fixed<const C extends string>(
  status: number,
  code: C,
  message: string,
  headers?: () => Headers,
): { status: number; code: C; message: string; headers?: () => Headers } {
  return headers ? { status, code, message, headers } : { status, code, message }
}

/** A code whose message is built from arguments; `about` says what it means (for docs/ERRORS.md). */
export function built<const C extends string, A extends Args>(
  status: number,
  code: C,
  about: string,
  message: (...args: A) => string,
  headers?: (...args: A) => Headers,
): {
  status: number
  code: C
  about: string
  message: (...args: A) => string
  headers?: (...args: A) => Headers
} {
  return headers ? { status, code, about, message, headers } : { status, code, about, message }
}

/** A code whose message is made where the error is raised (a validator's, a parser's, a domain rule's). */
export const passedOn = <const C extends string>(status: number, code: C, about: string) =>
  built(status, code, about, (message: string) => message)

/** Builds the error; `code` and `status` are there for code that maps other errors onto this one. */
export type ErrorBuilder<A extends Args, C extends string = string> = ((...args: A) => AppError) & {
  code: C
  status: number
}

type BuilderOf<D extends ErrorDefinition> = D extends { message: (...args: infer A) => string }
  ? ErrorBuilder<A, D['code']>
  : ErrorBuilder<[], D['code']>

/** One row of the registry, as docs/ERRORS.md and the OpenAPI document show it. */
export interface RegisteredError {
  module: string
  status: number
  code: string
  description: string
}

const ENTRIES = Symbol('registered errors')

export type ErrorRegistry<D extends Record<string, ErrorDefinition>> = {
  readonly [K in keyof D]: BuilderOf<D[K]>
}

/** Declares a module's client errors: one builder per code, and the rows the registry collects. */
export function defineErrors<const D extends Record<string, ErrorDefinition>>(
  module: string,
  definitions: D,
): ErrorRegistry<D> {
  const builders: Record<string, unknown> = {}
  const entries: RegisteredError[] = []
  for (const [name, definition] of Object.entries(definitions)) {
    const { status, code, message, headers } = definition
    const build = (...args: Args) =>
      new AppError(
        status,
        code,
        typeof message === 'string' ? message : message(...args),
        headers ? headers(...args) : {},
      )
    builders[name] = Object.assign(build, { code, status })
    entries.push({
      module,
      status,
      code,
      description: 'about' in definition ? definition.about : (message as string),
    })
  }
  Object.defineProperty(builders, ENTRIES, { value: entries, enumerable: false })
  return builders as ErrorRegistry<D>
}

/** The rows a registry declared (in declaration order). */
export function entriesOf(registry: object): RegisteredError[] {
  return (registry as { [ENTRIES]?: RegisteredError[] })[ENTRIES] ?? []
}

/** The codes of the error handler itself: requests the framework refuses before any route runs. */
export const HttpErrors = defineErrors('http', {
  validation: passedOn(400, 'validation_failed', 'The request does not match the schema'),
  invalidJson: passedOn(400, 'invalid_json', 'The body is not valid JSON'),
  badRequest: passedOn(400, 'bad_request', 'Another malformed request'),
  pageNotFound: fixed(404, 'page_not_found', 'There is no page at this address'),
  routeNotFound: built(
    404,
    'route_not_found',
    'No route has this method and path',
    (method: string, url: string) => `Route ${method} ${url} not found`,
  ),
  bodyTooLarge: passedOn(413, 'body_too_large', 'The body is larger than the route accepts'),
  unsupportedMediaType: passedOn(
    415,
    'unsupported_media_type',
    'The Content-Type is not one the route reads',
  ),
  rateLimited: built(
    429,
    'rate_limited',
    'Too many requests (login, register); Retry-After says when to try again',
    (after: string, _retryAfterS: number) => `Too many requests; try again in ${after}`,
    (_after: string, retryAfterS: number) => ({ 'retry-after': String(retryAfterS) }),
  ),
  internal: fixed(500, 'internal_error', 'Internal Server Error'),
  databaseUnavailable: fixed(
    503,
    'database_unavailable',
    'The database is unavailable; try again shortly',
    () => ({ 'retry-after': '5' }),
  ),
})
