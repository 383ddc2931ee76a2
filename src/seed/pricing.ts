// How the demo shop prices a piece (issue 19): the general practice of awning and sail cleaners, so that
// the demo data rewards models that price pieces the way a shop does. Pure and deterministic; the noise
// comes from the caller's random source.
import { conditionGroups, type ProductFamily, productFamily, type SourceType } from '../ml/pieces.js'
import * as V from './vocabulary.js'

/** The list-price rise on January 1 of each year (the shop reprints its price list). */
const YEARLY_RISE: Record<number, number> = {
  2021: 0.04,
  2022: 0.05,
  2023: 0.06,
  2024: 0.04,
  2025: 0.05,
  2026: 0.045,
}
const DEFAULT_RISE = 0.04
const BASE_YEAR = 2020

/** The list-price level of a year (1 in 2020). */
export function listIndex(year: number): number {
  let idx = 1
  for (let y = BASE_YEAR + 1; y <= year; y++) idx *= 1 + (YEARLY_RISE[y] ?? DEFAULT_RISE)
  for (let y = year + 1; y <= BASE_YEAR; y++) idx /= 1 + (YEARLY_RISE[y] ?? DEFAULT_RISE)
  return idx
}

const PRODUCT_FACTOR: Record<ProductFamily, number> = {
  awning: 1,
  boat_cover: 1.1,
  enclosure: 1.25,
  bimini: 1.15,
  cushion: 1,
  sail: 1,
  umbrella: 1.05,
  other: 1,
}
const PIECE_MINIMUM = 35
/** Large pieces cost less per square foot: full rate to 60 sq ft, 85% to 200, 70% beyond. */
function tieredArea(sqft: number): number {
  return Math.min(sqft, 60) + 0.85 * Math.min(Math.max(0, sqft - 60), 140) + 0.7 * Math.max(0, sqft - 200)
}
const rateOf = (material: string | null) => {
  const [lo, hi] = V.MATERIALS[material ?? '']?.rate ?? [1.5, 2.5]
  return (lo + hi) / 2
}

export interface PricedPiece {
  description: string
  material: string | null
  quantity: number
  squareFeet: number | null
  sizeText: string | null
  condition: string | null
}

/** A piece's 2020 list price, before anything about the visit (condition, rush, discounts). */
export function listPrice(p: PricedPiece): number {
  const family = productFamily(p.description, p.material)
  if (family === 'sail') {
    const lbs = Number.parseInt(p.sizeText ?? '', 10) || 20
    return Math.max(60, lbs * (/nylon/i.test(p.material ?? '') ? 4.2 : 3.4))
  }
  const sqft = p.squareFeet ?? 0
  if (family === 'cushion') {
    const perPiece = 14 + 3.2 * sqft
    return perPiece * (p.quantity >= 8 ? 0.85 : p.quantity >= 4 ? 0.9 : 1)
  }
  return Math.max(PIECE_MINIMUM, tieredArea(sqft) * rateOf(p.material) * PRODUCT_FACTOR[family])
}

/** Surcharge for the state a piece comes in (mildew, heavy soil, damage, stains). */
export function conditionFactor(condition: string | null): number {
  const g = conditionGroups(condition)
  let f = 1
  if (g.has('mildew')) f *= /heavy/i.test(condition ?? '') ? 1.3 : 1.15
  else if (g.has('heavy_soil')) f *= 1.12
  if (g.has('damage')) f *= 1.2
  if (g.has('stain')) f *= 1.1
  return f
}

export const rushFactor = (rush: boolean, firmRush: boolean) => (firmRush ? 1.5 : rush ? 1.25 : 1)
export const REPAIR_FACTOR = 1.12
/** Trade discounts for a source's customers; a source on contract gets 10 points more. */
export const TRADE_DISCOUNT: Record<SourceType, number> = {
  sail_loft: 0.15,
  marina: 0.1,
  canvas: 0.2,
  other: 0.05,
}
/** The discount on a large order, by its total before the discount. */
export function largeOrderFactor(total: number): number {
  return total > 3000 ? 0.9 : total > 1500 ? 0.95 : 1
}
export const roundHalf = (x: number) => Math.max(0.5, Math.round(x * 2) / 2)
