import { describe, expect, it } from 'vitest'
import { ConfirmDelete } from '../../src/web/components/confirm-delete.js'
import { ErrorSummary, Field } from '../../src/web/components/field.js'
import { Layout } from '../../src/web/components/layout.js'
import { listUrl, PagedTable } from '../../src/web/components/paged-table.js'
import { StatusBadge } from '../../src/web/components/status-badge.js'
import { toHtml } from '../../src/web/render.js'
import { xssText } from './helpers/xss.js'

const hostile = xssText('template')

describe('templates escape by default', () => {
  it('escapes text children and attribute values: no tag or quote of the data survives', () => {
    const html = toHtml(
      <Layout ctx={{ user: null, flash: { kind: 'info', text: hostile }, path: '/' }} title={hostile}>
        <p title={hostile}>{hostile}</p>
        <Field name="name" label={hostile} state={{ values: { name: hostile }, errors: { name: hostile } }} />
        <ErrorSummary
          state={{ values: {}, errors: { name: hostile, form: hostile } }}
          labels={{ name: hostile }}
        />
        <StatusBadge status={hostile} />
        <ConfirmDelete action="/x" what={hostile} />
      </Layout>,
    )
    expect(html).not.toContain('<script>window')
    expect(html).not.toContain('<img src=x')
    expect(html).not.toContain('<svg')
    // Every attribute is double-quoted and every `"` of the data becomes &quot;, so no handler can start;
    // a `'` stays as it is, harmless inside double quotes.
    for (const handler of ['onmouseover="', 'onerror="', 'onload="']) expect(html).not.toContain(handler)
    expect(html).toContain(`&lt;script>window.__xss.push('template')&lt;/script>`)
    expect(html).toContain('value="&lt;script>')
  })

  it('keeps the value of a field and says its error beside it; never echoes a password', () => {
    const state = { values: { name: 'Ann', secret: 'hunter22' }, errors: { name: 'Too short' } }
    const name = toHtml(<Field name="name" label="Name" state={state} />)
    expect(name).toContain('value="Ann"')
    expect(name).toContain('id="f-name-error"')
    expect(name).toContain('aria-describedby="f-name-error"')
    expect(name).toContain('aria-invalid="true"')
    expect(toHtml(<Field name="secret" label="Secret" type="password" state={state} />)).not.toContain(
      'hunter22',
    )
  })
})

describe('the paged table', () => {
  const rows = [
    { id: 1, name: 'Ann' },
    { id: 2, name: 'Bob' },
  ]
  const render = (query: Record<string, string | number>) =>
    toHtml(
      <PagedTable
        id="people"
        baseUrl="/people"
        caption="People"
        columns={[{ label: 'Name', sort: 'name', cell: (r: { name: string }) => r.name }]}
        rows={rows}
        page={{ total: 120, page: 2, pageSize: 50, pageCount: 3 }}
        query={query}
      />,
    )

  it('links sorts and pages with the API list parameters, keeping the filters', () => {
    const html = render({ q: 'sail', sort: 'name', page: 2, pageSize: 50 })
    expect(html).toContain('aria-sort="ascending"')
    expect(html).toContain('href="/people?q=sail&amp;sort=-name&amp;page=1&amp;pageSize=50"')
    expect(html).toContain('href="/people?q=sail&amp;sort=name&amp;page=1&amp;pageSize=50"')
    expect(html).toContain('href="/people?q=sail&amp;sort=name&amp;page=3&amp;pageSize=50"')
    expect(html).toContain('hx-target="#people"')
    expect(html).toContain('<input type="hidden" name="q" value="sail"/>')
    expect(html).toContain('51–100 of 120')
  })

  it('builds list URLs without empty parameters', () => {
    expect(listUrl('/c', { q: '', page: 1 }, { sort: '-name' })).toBe('/c?page=1&sort=-name')
    expect(listUrl('/c', {}, {})).toBe('/c')
  })
})
