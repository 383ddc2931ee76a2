import type { ComponentChildren } from 'preact'
import { type AssetName, assetUrl } from '../assets.js'
import type { Flash } from '../flash.js'
import { isCurrent, navFor } from '../nav.js'
import type { SessionUser } from '../session.js'
import { FlashMessage } from './flash.js'

/**
 * htmx under our CSP: no inline indicator styles, no eval (hx-on and js: values stay off), no inline
 * scripts from swapped content, requests to this origin only, no copies of pages in localStorage (shared
 * shop computers), and 422 answers (a form with its errors) are swapped in like 200s.
 */
export const HTMX_CONFIG = JSON.stringify({
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  selfRequestsOnly: true,
  historyCacheSize: 0,
  refreshOnHistoryMiss: true,
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '422', swap: true },
    { code: '[45]..', swap: false, error: true },
  ],
})

export interface PageContext {
  user: SessionUser | null
  flash: Flash | null
  /** The request's path, for the current navigation item. */
  path: string
  /** A number beside a navigation item, by its href (pending check-ins); none when absent or zero. */
  counts?: Record<string, number>
}

export interface LayoutProps {
  ctx: PageContext
  title: string
  /** Extra scripts this page needs (htmx and app.js are always there): 'sortable.js', 'uplot.js'. */
  scripts?: AssetName[]
  styles?: AssetName[]
  children: ComponentChildren
}

/** The count in words for screen readers ("3 pending"), as a number for the eye. */
function NavCount({ count }: { count: number | undefined }) {
  if (!count) return null
  return (
    <span class="nav-count">
      {' '}
      <span aria-hidden="true">{String(count)}</span>
      <span class="visually-hidden">{`(${count} pending)`}</span>
    </span>
  )
}

function Header({ ctx }: { ctx: PageContext }) {
  const { user } = ctx
  return (
    <header class="site-header">
      <div class="brand">
        <a href="/">Awning Management</a>
      </div>
      {user && (
        <nav aria-label="Main">
          <ul>
            {navFor(user.role).map((item) => (
              <li>
                <a href={item.href} aria-current={isCurrent(item, ctx.path) ? 'page' : undefined}>
                  {item.label}
                  <NavCount count={ctx.counts?.[item.href]} />
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {user && (
        <div class="account">
          <a href="/account">
            {user.username} <span class="role">({user.role})</span>
          </a>
          <form method="post" action="/sign-out">
            <button type="submit" class="link-button">
              Sign out
            </button>
          </form>
        </div>
      )}
    </header>
  )
}

/** The one page shell: head with our assets only, header and navigation by role, flash, main content. */
export function Layout({ ctx, title, scripts = [], styles = [], children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <title>{`${title} · Awning Management`}</title>
        {/* No favicon request (it would be a 404 on every page); data: is within the CSP's img-src. */}
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={assetUrl('app.css')} />
        {styles.map((name) => (
          <link rel="stylesheet" href={assetUrl(name)} />
        ))}
        <script src={assetUrl('htmx.js')} defer />
        <script src={assetUrl('app.js')} defer />
        {scripts.map((name) => (
          <script src={assetUrl(name)} defer />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <Header ctx={ctx} />
        <main id="main" tabIndex={-1}>
          <FlashMessage flash={ctx.flash} />
          {children}
        </main>
      </body>
    </html>
  )
}
