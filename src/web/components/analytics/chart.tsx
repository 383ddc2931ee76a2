import type { ComponentChildren } from 'preact'
import { ScrollBox } from '../manage/scroll.js'

/** What analytics.js draws: a time series (x = days or months) or bars over categories. */
export interface ChartSpec {
  kind: 'time' | 'bars'
  /** 'YYYY-MM-DD' or 'YYYY-MM' for time charts; category labels for bars. */
  x: string[]
  /** The y axis' unit, in words. */
  unit: string
  /** The x axis' name in the legend (bars only). */
  xLabel?: string
  series: { label: string; values: number[]; bars?: boolean }[]
}

export interface TableColumn<T> {
  label: string
  cell: (row: T) => string
  numeric?: boolean
}

/** The numbers behind a chart, as a table (the chart's meaning never depends on seeing it or its colours). */
export function NumbersTable<T>({
  caption,
  rows,
  columns,
  foot,
}: {
  caption: string
  rows: T[]
  columns: TableColumn<T>[]
  foot?: string[]
}) {
  return (
    <ScrollBox label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" class={c.numeric ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length}>No data in this range.</td>
            </tr>
          )}
          {rows.map((row) => (
            <tr>
              {columns.map((c, i) =>
                i === 0 ? (
                  <th scope="row">{c.cell(row)}</th>
                ) : (
                  <td class={c.numeric ? 'num' : undefined}>{c.cell(row)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
        {foot && (
          <tfoot>
            <tr>
              {foot.map((text, i) =>
                i === 0 ? (
                  <th scope="row">{text}</th>
                ) : (
                  <td class={columns[i]?.numeric ? 'num' : undefined}>{text}</td>
                ),
              )}
            </tr>
          </tfoot>
        )}
      </table>
    </ScrollBox>
  )
}

/**
 * A chart and its numbers. The canvas is decoration for screen readers (aria-hidden): the caption says what
 * it shows and the table under "The numbers" holds every value. The spec rides in a data attribute, which
 * Preact escapes like any attribute (a JSON <script> block would need raw HTML, which the web room never uses).
 */
export function Chart({
  id,
  title,
  note,
  spec,
  children,
  open,
}: {
  id: string
  title: string
  note?: string
  spec: ChartSpec
  children: ComponentChildren
  open?: boolean
}) {
  return (
    <figure class="chart" id={id} aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {note && <p class="hint">{note}</p>}
      <div class="chart-canvas" aria-hidden="true" data-chart={JSON.stringify(spec)} />
      <details open={open}>
        <summary>{`The numbers: ${title.toLowerCase()}`}</summary>
        {children}
      </details>
    </figure>
  )
}
