/**
 * What a check-in can be converted into. Only "work-order" is built; "repair-order" is reserved so the API
 * already names it (400 check_in.target_not_supported) and clients need no change when it arrives.
 */
export const CONVERT_TARGETS = ['work-order', 'repair-order'] as const
export type ConvertTarget = (typeof CONVERT_TARGETS)[number]
