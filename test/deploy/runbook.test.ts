import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { commandProblems } from '../helpers/commands.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
const runbook = readFileSync(path.join(ROOT, 'docs/RUNBOOK.md'), 'utf8')

/** Shell lines of the runbook's code blocks (continuations joined, comments and prompts dropped) and inline commands. */
function shellLines(markdown: string): string[] {
  const lines: string[] = []
  for (const block of markdown.matchAll(/```(?:bash|sh|shell)?\n([\s\S]*?)```/g)) {
    const joined = (block[1] ?? '').replace(/\\\n\s*/g, ' ')
    for (const raw of joined.split('\n')) {
      const line = raw
        .replace(/^\s*\$\s+/, '')
        .replace(/\s+#.*$/, '')
        .trim()
      if (line && !line.startsWith('#')) lines.push(line)
    }
  }
  // Commands quoted inline in the prose count too (`node dist/cli/check.js db`).
  const prose = markdown.replace(/```[\s\S]*?```/g, '')
  for (const span of prose.matchAll(/`([^`\n]+)`/g)) {
    const text = span[1] ?? ''
    if (/^(npm run|node dist\/|cd \/var\/app\/current && node dist\/|npm audit)/.test(text)) lines.push(text)
  }
  return lines
}

describe('docs/RUNBOOK.md', () => {
  const lines = shellLines(runbook)
  const ours = lines.filter((l) => /\bnpm run\b|\bnode dist\//.test(l))

  it('uses only commands that exist: every npm script, CLI subcommand and built file', () => {
    expect(ours.length).toBeGreaterThan(10)
    expect(commandProblems(ours)).toEqual([])
  })

  it('covers the procedures an operator needs, with our commands in place of Flask/Alembic ones', () => {
    const text = lines.join('\n')
    for (const needed of [
      'npm run check -- db',
      'npm run check -- ml',
      'npm run db -- prod upgrade head',
      'npm run db -- prod downgrade -1',
      'npm run export -- work-orders',
      'node dist/cli/db.js prod upgrade head',
      '/ml/cron/retrain',
      '/health',
      'npm audit --omit=dev',
      'npm run package',
    ])
      expect(text, needed).toContain(needed)
    expect(text).not.toMatch(/\b(flask|alembic|pip3?|python3?|gunicorn)\b/i)
  })
})
