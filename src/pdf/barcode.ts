import bwipjs from 'bwip-js'

/**
 * The bar and space widths of a Code 128 symbol (in modules), from bwip-js (Barcode Writer in Pure
 * PostScript): we draw them as vector rectangles, so the barcode stays sharp at any print resolution and no
 * image is embedded. Starts with a bar; bars and spaces alternate.
 */
export function code128Modules(text: string): number[] {
  const [symbol] = bwipjs.raw('code128', text, '')
  if (!symbol || !('sbs' in symbol)) throw new Error('bwip-js gave no linear symbol for Code 128')
  return symbol.sbs
}

/** Width of the symbol in modules, quiet zones excluded. */
export function moduleCount(modules: number[]): number {
  return modules.reduce((sum, w) => sum + w, 0)
}

/** The bars as rectangles [x, width] in modules from the symbol's left edge. */
export function barRects(modules: number[]): [number, number][] {
  const bars: [number, number][] = []
  let x = 0
  modules.forEach((width, i) => {
    if (i % 2 === 0) bars.push([x, width])
    x += width
  })
  return bars
}
