import type { Role } from '../models/index.js'

export interface NavItem {
  href: string
  label: string
  roles: readonly Role[]
}

const EVERYONE: readonly Role[] = ['admin', 'manager', 'staff']
const MANAGERS: readonly Role[] = ['admin', 'manager']

/**
 * The one navigation, shown by role as docs/ACCESS.md grants the pages' data. Staff see no analytics,
 * models or admin: the link would lead to a 403.
 */
export const NAV: readonly NavItem[] = [
  { href: '/', label: 'Dashboard', roles: EVERYONE },
  { href: '/work-orders', label: 'Work orders', roles: EVERYONE },
  { href: '/check-ins', label: 'Check-ins', roles: EVERYONE },
  { href: '/repair-orders', label: 'Repair orders', roles: EVERYONE },
  { href: '/queue', label: 'Queue', roles: EVERYONE },
  { href: '/board', label: 'Board', roles: EVERYONE },
  { href: '/customers', label: 'Customers', roles: EVERYONE },
  { href: '/sources', label: 'Sources', roles: EVERYONE },
  { href: '/analytics', label: 'Analytics', roles: MANAGERS },
  { href: '/models', label: 'Models', roles: MANAGERS },
  { href: '/mail', label: 'Mail', roles: MANAGERS },
  { href: '/admin', label: 'Admin', roles: ['admin'] },
]

export function navFor(role: Role): NavItem[] {
  return NAV.filter((item) => item.roles.includes(role))
}

/** The item a path belongs to: `/work-orders/123` highlights "Work orders". */
export function isCurrent(item: NavItem, path: string): boolean {
  if (item.href === '/') return path === '/'
  return path === item.href || path.startsWith(`${item.href}/`)
}
