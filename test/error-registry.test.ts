import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ERROR_REGISTRY, errorsMarkdown } from '../src/error-registry.js'
import { ROOT } from './helpers/cli.js'

const sources = (dir: string): string[] =>
  readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) return sources(file)
    return entry.name.endsWith('.ts') ? [file] : []
  })

describe('the error registry', () => {
  it('declares every code once', () => {
    const codes = ERROR_REGISTRY.map((e) => e.code)
    expect(codes.filter((code, i) => codes.indexOf(code) !== i)).toEqual([])
  })

  it('gives every code a client status and a description', () => {
    for (const e of ERROR_REGISTRY) {
      expect(e.status, e.code).toBeGreaterThanOrEqual(400)
      expect(e.status, e.code).toBeLessThan(600)
      expect(e.description, e.code).not.toBe('')
    }
  })

  it('is the only place errors are built: no AppError is constructed outside src/errors.ts', () => {
    const builders = sources('src').filter(
      (file) =>
        file !== path.join('src', 'errors.ts') &&
        /new AppError\(/.test(readFileSync(path.join(ROOT, file), 'utf8')),
    )
    expect(builders).toEqual([])
  })

  it('is collected whole: every *.errors.ts registry is in src/error-registry.ts', () => {
    const collector = readFileSync(path.join(ROOT, 'src/error-registry.ts'), 'utf8')
    for (const file of sources('src').filter((f) => f.endsWith('.errors.ts'))) {
      const module = `./${path.relative('src', file).replaceAll(path.sep, '/').replace(/\.ts$/, '.js')}`
      expect(collector, file).toContain(`from '${module}'`)
    }
  })

  it('docs/ERRORS.md is generated from it (run `npm run docs:errors` after changing a registry)', () => {
    expect(readFileSync(path.join(ROOT, 'docs/ERRORS.md'), 'utf8')).toBe(errorsMarkdown())
  })
})
