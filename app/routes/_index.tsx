import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { requireUser } from '~/auth/current-user.server'
import { EmptyState, NotificationBanner } from '~/components/govuk'
import { roleLabel } from '~/directory/labels'
import type { PageHandle } from '~/utils/meta'
import { assessmentAttention } from '~/self-assessment/attention.server'
import { challengeAttention } from '~/peer-challenge/attention.server'

export const handle: PageHandle = { title: 'Home' }

export async function loader({ context, request }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  return {
    name: user.name,
    roles: user.roles.map((r) => roleLabel(r.role)),
    council: user.council,
    regions: user.council ? [user.council.region] : user.leadRegions,
    attention: [...(await assessmentAttention(user)), ...(await challengeAttention(user))],
  }
}

export default function Home() {
  const { name, roles, council, regions, attention } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  return (
    <>
      {params.get('welcome') ? (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">Welcome to the Improvement Hub. Your account is ready.</p>
        </NotificationBanner>
      ) : null}
      <span className="govuk-caption-l">{roles.join(', ')}</span>
      <h1 className="govuk-heading-xl">Hello, {name}</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <h2 className="govuk-heading-m">My council</h2>
          {council ? (
            <p className="govuk-body">
              <Link className="govuk-link" to={`/councils/${council.slug}`}>
                {council.name}
              </Link>
              {' · '}
              <Link className="govuk-link" to={`/councils/${council.slug}/people`}>
                People
              </Link>
            </p>
          ) : (
            <EmptyState>You are not a member of a council.</EmptyState>
          )}
          <h2 className="govuk-heading-m">My region</h2>
          {regions.length ? (
            <ul className="govuk-list">
              {regions.map((r) => (
                <li key={r.id}>
                  <Link className="govuk-link" to={`/regions/${r.slug}`}>
                    {r.name}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState>
              You work across all regions.{' '}
              <Link className="govuk-link" to="/regions">
                See the regions
              </Link>
              .
            </EmptyState>
          )}
        </div>
        <div className="govuk-grid-column-one-half">
          <h2 className="govuk-heading-m">What needs my attention</h2>
          {attention.length ? (
            <ul className="govuk-list govuk-list--spaced">
              {attention.map((item) => (
                <li key={item.text}>
                  <Link className="govuk-link" to={item.href}>
                    {item.text}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState>Nothing needs your attention. Self-assessments, peer challenges and discussions you are part of will show here.</EmptyState>
          )}
        </div>
      </div>
    </>
  )
}
