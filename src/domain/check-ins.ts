/** What a check-in can be converted into: a cleaning job (work order) or a repair job (repair order). */
export const CONVERT_TARGETS = ['work-order', 'repair-order'] as const
export type ConvertTarget = (typeof CONVERT_TARGETS)[number]
