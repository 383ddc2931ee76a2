// What a piece is, read from the words the shop types: its product family, its condition, and the kind of
// source that sent it. Shared by the item-level price model and the demo generator, so both read the same
// text the same way.

export const PRODUCT_FAMILIES = [
  'awning',
  'boat_cover',
  'enclosure',
  'bimini',
  'cushion',
  'sail',
  'umbrella',
  'other',
] as const
export type ProductFamily = (typeof PRODUCT_FAMILIES)[number]

/** The product family of a piece from its description (the shop's rates differ by product). */
export function productFamily(description: string, material: string | null = null): ProductFamily {
  const d = description.toLowerCase()
  if (/cushion|pillow|mattress/.test(d)) return 'cushion'
  if (/enclosure|curtain|panel|side wall/.test(d)) return 'enclosure'
  if (/bimini|dodger/.test(d)) return 'bimini'
  if (/(boat|mooring|winter|console|sail|t-top) cover|cover.*boat/.test(d)) return 'boat_cover'
  if (/sail|jib|genoa|spinnaker|main|staysail/.test(d)) return 'sail'
  if (/umbrella/.test(d)) return 'umbrella'
  if (/awning|valance|canopy|shade/.test(d)) return 'awning'
  if (/dacron/.test((material ?? '').toLowerCase())) return 'sail'
  return 'other'
}

export const CONDITION_GROUPS = ['mildew', 'heavy_soil', 'damage', 'stain'] as const
export type ConditionGroup = (typeof CONDITION_GROUPS)[number]

/** The surcharge-relevant reading of the condition text; several can apply ("heavy mildew, torn"). */
export function conditionGroups(condition: string | null | undefined): Set<ConditionGroup> {
  const c = (condition ?? '').toLowerCase()
  const groups = new Set<ConditionGroup>()
  if (/mildew|mold|mould/.test(c)) groups.add('mildew')
  if (/very dirty|heavy|filthy|bird|sap/.test(c)) groups.add('heavy_soil')
  if (/torn|tear|hole|rip|seam/.test(c)) groups.add('damage')
  if (/stain|rust/.test(c)) groups.add('stain')
  return groups
}

export const SOURCE_TYPES = ['sail_loft', 'marina', 'canvas', 'other'] as const
export type SourceType = (typeof SOURCE_TYPES)[number]

/** The trade a source is in, from its name: sail lofts, marinas and canvas shops get trade prices. */
export function sourceType(name: string): SourceType {
  const n = name.toLowerCase()
  if (/sail ?loft|sailmaker/.test(n)) return 'sail_loft'
  if (/marina|boat ?(yard|works)|yacht|harbou?r/.test(n)) return 'marina'
  if (/canvas|awning|upholster|tent|shade/.test(n)) return 'canvas'
  return 'other'
}
