import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from './helpers/cli.js'

const filesIn = (dir: string) =>
  readdirSync(path.join(ROOT, dir))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => ({ file: `${dir}/${name}`, text: readFileSync(path.join(ROOT, dir, name), 'utf8') }))

/** The web room's source files, .ts and .tsx, at any depth (its assets are the browser's, not ours). */
const webFiles = () =>
  (readdirSync(path.join(ROOT, 'src/web'), { recursive: true }) as string[])
    .filter((name) => /\.tsx?$/.test(name) && !name.startsWith('assets'))
    .map((name) => ({
      file: `src/web/${name}`,
      text: readFileSync(path.join(ROOT, 'src/web', name), 'utf8'),
    }))

const importsOf = (text: string) =>
  [...text.matchAll(/^import\s[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1] ?? '')

/** What a route may use of the app besides its own services: Fastify's route methods and its settings. */
const ROUTE_API = new Set([
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'register',
  'addContentTypeParser',
  'config',
  'sessionCookie',
])

// docs/ARCHITECTURE.md, "Rooms": routes → services → repositories → models.
describe('the layers', () => {
  it('a route or a page imports no repository, nothing of src/db and not drizzle-orm', () => {
    const offending = [...filesIn('src/routes'), ...webFiles()].flatMap(({ file, text }) =>
      importsOf(text)
        .filter((from) => /\/repositories\/|\/db\/|^drizzle-orm/.test(from))
        .map((from) => `${file} imports ${from}`),
    )
    expect(offending).toEqual([])
  })

  it("a route touches only the app's services (app.<name>Service), its settings and route methods", () => {
    const offending = filesIn('src/routes').flatMap(({ file, text }) =>
      [...text.matchAll(/\bapp\.(\w+)/g)]
        .map((m) => m[1] ?? '')
        .filter((name) => !name.endsWith('Service') && !ROUTE_API.has(name))
        .map((name) => `${file} uses app.${name}`),
    )
    expect(offending).toEqual([])
  })

  it("a page touches only the app's services, its settings and route methods", () => {
    const offending = webFiles()
      .filter(({ file }) => file.startsWith('src/web/pages/'))
      .flatMap(({ file, text }) =>
        [...text.matchAll(/\bapp\.(\w+)/g)]
          .map((m) => m[1] ?? '')
          .filter((name) => !name.endsWith('Service') && !ROUTE_API.has(name))
          .map((name) => `${file} uses app.${name}`),
      )
    expect(offending).toEqual([])
  })

  it('src/domain, src/ml and src/pdf import no framework and no database (types of the models aside)', () => {
    const pure = [
      ...filesIn('src/domain'),
      ...filesIn('src/ml'),
      ...filesIn('src/ml/models'),
      ...filesIn('src/pdf'),
    ]
    const offending = pure.flatMap(({ file, text }) =>
      importsOf(text)
        .filter((from) =>
          /^(fastify|@fastify|drizzle-orm|pg$)|\/(db|repositories|services|plugins|routes)\//.test(from),
        )
        .map((from) => `${file} imports ${from}`),
    )
    expect(offending).toEqual([])
  })
})
