import type { OrderRecord } from '../../src/ml/train.js'
import { type GenerateOptions, generateShopData } from '../../src/seed/generate.js'

/** Demo shop data as training records, without a database (ids are positions + 1). */
export function demoRecords(opts: GenerateOptions): OrderRecord[] {
  const data = generateShopData(opts)
  return data.workOrders.map((w, i) => {
    const customer = data.customers[w.customerIndex]
    const sourceIndex = customer?.sourceIndex ?? null
    const units = w.items.map((it) => it.unitPrice ?? null)
    const priced = units.length > 0 && units.every((u) => u !== null)
    return {
      id: i + 1,
      customerId: w.customerIndex + 1,
      sourceId: sourceIndex === null ? null : sourceIndex + 1,
      sourceName: sourceIndex === null ? null : (data.sources[sourceIndex]?.name ?? null),
      status: w.status ?? 'received',
      dateCompleted: w.dateCompleted ?? null,
      price: priced
        ? Math.round(w.items.reduce((s, it) => s + it.quantity * (it.unitPrice as number), 0) * 100) / 100
        : null,
      unitPrices: units,
      facts: {
        dateIn: w.dateIn as string,
        dateRequired: w.dateRequired ?? null,
        rush: w.rush ?? false,
        firmRush: w.firmRush ?? false,
        repairsNeeded: w.repairsNeeded ?? false,
        isCushion: w.isCushion ?? false,
        storageTime: w.storageTime ?? null,
        specialInstructions: w.specialInstructions ?? null,
        items: w.items.map((it) => ({
          description: it.description,
          material: it.material ?? null,
          quantity: it.quantity ?? 1,
          squareFeet: it.squareFeet ?? null,
          sizeText: it.sizeText ?? null,
          condition: it.condition ?? null,
          color: it.color ?? null,
        })),
      },
    }
  })
}
