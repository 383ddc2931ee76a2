// Draws the analytics charts with uPlot from the numbers each <div data-chart> carries (JSON in an
// attribute: escaped by the templates, never executed). The same numbers are in a table beside each chart.
;(() => {
  const COLORS = ['#0b5cad', '#b35c00', '#1e6b34']
  const DASHES = [[], [8, 5], [2, 3]] // series differ by line style too, not by colour alone
  let drawn = []
  const seconds = (day) => Date.parse(day.length === 7 ? `${day}-01` : day) / 1000
  const size = (el) => ({ width: Math.max(260, el.clientWidth), height: el.clientWidth < 500 ? 220 : 260 })

  function options(spec, el) {
    const bars = spec.kind === 'bars'
    const series = spec.series.map((s, i) => ({
      label: s.label,
      stroke: COLORS[i % 3],
      width: 2,
      dash: DASHES[i % 3],
      points: { show: false },
      ...(s.bars ? { paths: uPlot.paths.bars({ size: [0.7, 40] }), fill: `${COLORS[i % 3]}99` } : {}),
    }))
    return {
      ...size(el),
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'UTC'),
      scales: { x: bars ? { time: false, range: [-0.5, spec.x.length - 0.5] } : { time: true } },
      axes: [
        bars ? { values: (_u, splits) => splits.map((i) => spec.x[i] ?? ''), space: 40 } : {},
        { label: spec.unit, size: 60 },
      ],
      series: [
        { label: bars ? spec.xLabel : 'Date', value: bars ? (_u, i) => spec.x[i] ?? '' : undefined },
        ...series,
      ],
    }
  }

  function draw(el) {
    if (el.dataset.drawn || typeof uPlot === 'undefined') return
    el.dataset.drawn = '1'
    const spec = JSON.parse(el.dataset.chart)
    // Nothing to draw (a source with no orders in the range): uPlot cannot scale an empty axis.
    if (spec.x.length === 0) {
      el.textContent = 'No data in this range.'
      return
    }
    const x = spec.kind === 'bars' ? spec.x.map((_, i) => i) : spec.x.map(seconds)
    drawn.push({ el, chart: new uPlot(options(spec, el), [x, ...spec.series.map((s) => s.values)], el) })
  }

  const drawAll = (root) => {
    for (const el of root.querySelectorAll('[data-chart]')) draw(el)
  }
  drawAll(document)
  document.addEventListener('htmx:afterSettle', (event) => drawAll(event.target))

  let pending
  window.addEventListener('resize', () => {
    clearTimeout(pending)
    pending = setTimeout(() => {
      drawn = drawn.filter(({ el, chart }) => el.isConnected || chart.destroy())
      for (const { el, chart } of drawn) chart.setSize(size(el))
    }, 150)
  })
})()
