import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { EnvSchema } from '../src/config.js'
import { ROOT } from './helpers/cli.js'

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8')
const keys = Object.keys(EnvSchema.properties)

describe('configuration documentation', () => {
  it('README documents every environment variable the service reads', () => {
    const readme = read('README.md')
    for (const key of [...keys, 'TEST_DATABASE_URL']) expect(readme, key).toContain(`\`${key}\``)
  })

  it('.env.example lists every environment variable', () => {
    const example = read('.env.example')
    for (const key of keys) expect(example, key).toMatch(new RegExp(`^${key}=`, 'm'))
  })

  it('README opens with the two commands a new user runs', () => {
    const top = read('README.md').split('\n').slice(0, 12).join('\n')
    expect(top).toContain('npm install && npm start')
    expect(top).toContain('npm install && npm test')
  })
})
