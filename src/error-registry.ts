import { entriesOf, HttpErrors, type RegisteredError } from './errors.js'
import { ListErrors } from './repositories/list-query.errors.js'
import { AccountErrors } from './services/account.errors.js'
import { AnalyticsErrors } from './services/analytics.errors.js'
import { AuthErrors } from './services/auth.errors.js'
import { CatalogErrors } from './services/catalog.errors.js'
import { CheckInErrors } from './services/check-ins.errors.js'
import { CsvErrors } from './services/csv.errors.js'
import { CustomerErrors } from './services/customers.errors.js'
import { FileErrors } from './services/files.errors.js'
import { MailErrors } from './services/mail.errors.js'
import { MlErrors } from './services/ml.errors.js'
import { PrintErrors } from './services/printing.errors.js'
import { QueueErrors } from './services/queue.errors.js'
import { RepairOrderErrors } from './services/repair-orders.errors.js'
import { SourceErrors } from './services/sources.errors.js'
import { WorkOrderErrors } from './services/work-orders.errors.js'

/**
 * Every client error code, from every module's registry: what docs/ERRORS.md and the OpenAPI document
 * list. A new `*.errors.ts` registry is added here.
 */
export const ERROR_REGISTRY: readonly RegisteredError[] = [
  HttpErrors,
  ListErrors,
  AuthErrors,
  AccountErrors,
  SourceErrors,
  CustomerErrors,
  CatalogErrors,
  WorkOrderErrors,
  CheckInErrors,
  RepairOrderErrors,
  QueueErrors,
  FileErrors,
  PrintErrors,
  CsvErrors,
  AnalyticsErrors,
  MlErrors,
  MailErrors,
].flatMap(entriesOf)

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ')

/** docs/ERRORS.md: generated from the registry (`npm run docs:errors`); a test fails when it is stale. */
export function errorsMarkdown(registry: readonly RegisteredError[] = ERROR_REGISTRY): string {
  const lines = [
    '# Error codes',
    '',
    '<!-- Generated from the error registries (src/error-registry.ts) by `npm run docs:errors`: edit those. -->',
    '',
    'Every 4xx and 5xx answer is JSON: `{ statusCode, code, error, message, requestId }`. `code` is stable',
    'and one of the codes below; `message` is for people and may change. Each module declares its codes in',
    'the `*.errors.ts` file beside it.',
    '',
  ]
  for (const module of [...new Set(registry.map((e) => e.module))]) {
    const rows = registry
      .filter((r) => r.module === module)
      .map((e) => [String(e.status), `\`${e.code}\``, cell(e.description)])
    lines.push(`## ${module}`, '', ...table(['Status', 'Code', 'Meaning'], rows), '')
  }
  return lines.join('\n')
}

/** A Markdown table with padded columns, as the formatter (biome) leaves it. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)]
}

/** The codes a response with this status can carry, for the OpenAPI document's response descriptions. */
export function codesWithStatus(status: number): string[] {
  return ERROR_REGISTRY.filter((e) => e.status === status).map((e) => e.code)
}
