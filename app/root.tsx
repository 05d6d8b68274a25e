import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useLocation, useRouteLoaderData } from '@remix-run/react'
import { useEffect, type ReactNode } from 'react'
import styles from './styles/app.scss?url'
import { services } from './services.server'
import { mayInviteAnyone } from './policy/policy'
import { useNonce } from './utils/nonce'
import { GeneralErrorBoundary } from './components/error-boundary'
import { usePageTitle } from './utils/meta'
import { forgetAllDrafts } from '~/self-assessment/use-autosave'
import { unreadCount } from '~/forums/notifications.server'
import { NotificationBell } from '~/forums/notification-bell'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]


export async function loader({ context }: LoaderFunctionArgs) {
  const user = context.auth?.user
  const unread = user ? await unreadCount(user.id) : 0
  return {
    demoMode: services().demoMode,
    user: user
      ? {
          id: user.id,
          unread,
          name: user.name,
          council: user.council ? { name: user.council.name, slug: user.council.slug } : null,
          region: user.council?.region ?? user.leadRegions[0] ?? null,
          mayInvite: mayInviteAnyone(user),
        }
      : null,
  }
}

export type RootData = Awaited<ReturnType<typeof loader>>

function Navigation({ user }: { user: NonNullable<RootData['user']> }) {
  const { pathname } = useLocation()
  const items = [
    { href: '/', text: 'Home' },
    user.council ? { href: `/councils/${user.council.slug}`, text: 'My council' } : null,
    user.council ? { href: `/councils/${user.council.slug}/assessments`, text: 'Self-assessment' } : null,
    user.region ? { href: `/regions/${user.region.slug}`, text: user.council ? 'My region' : user.region.name } : null,
    { href: '/forums', text: 'Forums' },
    { href: '/regions', text: 'Regions' },
    user.mayInvite ? { href: '/invite', text: 'Invite someone' } : null,
    { href: '/account', text: 'Your account' },
  ].filter((i): i is { href: string; text: string } => i !== null)
  // The most specific matching link is the current section.
  const current = items
    .filter((i) => (i.href === '/' ? pathname === '/' : pathname === i.href || pathname.startsWith(i.href + '/')))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href
  return (
    <section aria-label="Service information" className="govuk-service-navigation" data-module="govuk-service-navigation">
      <div className="govuk-width-container">
        <div className="govuk-service-navigation__container">
          <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
            <button type="button" className="govuk-service-navigation__toggle govuk-js-service-navigation-toggle" aria-controls="navigation" hidden aria-hidden="true">
              Menu
            </button>
            <ul className="govuk-service-navigation__list" id="navigation">
              {items.map((item) => {
                const active = item.href === current
                return (
                  <li key={item.href} className={`govuk-service-navigation__item${active ? ' govuk-service-navigation__item--active' : ''}`}>
                    <Link className="govuk-service-navigation__link" to={item.href} aria-current={active ? 'page' : undefined}>
                      {active ? <strong className="govuk-service-navigation__active-fallback">{item.text}</strong> : item.text}
                    </Link>
                  </li>
                )
              })}
              <li className={`govuk-service-navigation__item${pathname === '/notifications' ? ' govuk-service-navigation__item--active' : ''}`}>
                <NotificationBell userId={user.id} unread={user.unread} current={pathname === '/notifications'} />
              </li>
              <li className="govuk-service-navigation__item">
                <Form method="post" action="/logout" className="hub-inline-form" onSubmit={forgetAllDrafts}>
                  <button type="submit" className="govuk-service-navigation__link hub-link-button">
                    Sign out
                  </button>
                </Form>
              </li>
            </ul>
          </nav>
        </div>
      </div>
    </section>
  )
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce()
  const data = useRouteLoaderData<typeof loader>('root')
  const title = usePageTitle()
  const location = useLocation()
  useEffect(() => {
    // govuk-frontend's behaviours (menu toggle, radios, error summary …) are progressive
    // enhancements. Run after every navigation for the new content; components already
    // set up refuse a second set-up, which is expected here.
    void import('govuk-frontend').then(({ initAll }) => initAll({ onError: () => {} }))
  }, [location.key, location.pathname])
  return (
    <html lang="en" className="govuk-template govuk-template--rebranded">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#1d70b8" />
        <title>{title}</title>
        <Meta />
        <Links />
      </head>
      {/* The inline script below adds classes before hydration, so the body differs on purpose. */}
      <body className="govuk-template__body" suppressHydrationWarning>
        <script
          nonce={nonce}
          dangerouslySetInnerHTML={{
            __html: "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');",
          }}
        />
        <a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link">
          Skip to main content
        </a>
        <header className="govuk-generic-header" role="banner">
          <div className="govuk-generic-header__container govuk-width-container">
            <div className="govuk-generic-header__logo">
              <a href="/" className="govuk-generic-header__homepage-link">
                Improvement Hub
              </a>
            </div>
            {data?.user ? (
              <form method="get" action="/search" role="search" className="hub-header-search">
                <label className="govuk-visually-hidden" htmlFor="header-search">
                  Search the hub
                </label>
                <input className="govuk-input hub-header-search__input" id="header-search" name="q" type="search" maxLength={200} />
                <button type="submit" className="govuk-button govuk-button--secondary hub-header-search__button" data-module="govuk-button">
                  Search
                </button>
              </form>
            ) : null}
          </div>
        </header>
        {data?.user ? <Navigation user={data.user} /> : null}
        {data?.demoMode ? (
          <div className="hub-demo-banner" data-testid="demo-banner">
            <div className="govuk-width-container">
              <strong className="govuk-tag govuk-tag--yellow">Demo</strong> This hub holds demo data: real council names with synthetic
              figures and accounts. Do not enter real information.
            </div>
          </div>
        ) : null}
        <div className="govuk-width-container">
          <main className="govuk-main-wrapper" id="main-content" role="main">
            {children}
          </main>
        </div>
        <footer className="govuk-footer" role="contentinfo">
          <div className="govuk-width-container">
            <div className="govuk-footer__meta">
              <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
                <h2 className="govuk-visually-hidden">Support links</h2>
                <ul className="govuk-footer__inline-list">
                  <li className="govuk-footer__inline-list-item">
                    <Link className="govuk-footer__link" to="/accessibility">
                      Accessibility statement
                    </Link>
                  </li>
                  <li className="govuk-footer__inline-list-item">
                    <Link className="govuk-footer__link" to="/cookies">
                      Cookies
                    </Link>
                  </li>
                </ul>
                <span className="govuk-footer__licence-description">
                  The Improvement Hub supports sector-led improvement in England’s children’s services.
                </span>
              </div>
            </div>
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
