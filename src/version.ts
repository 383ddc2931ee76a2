import { readFileSync } from 'node:fs'

const pkgUrl = new URL('../package.json', import.meta.url)
/** The package version, reported by /health and the OpenAPI document. */
export const version: string = (JSON.parse(readFileSync(pkgUrl, 'utf8')) as { version: string }).version
