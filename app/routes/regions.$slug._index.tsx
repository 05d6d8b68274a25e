import type { LoaderFunctionArgs, SerializeFrom } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { authorize, requireUser } from '~/auth/current-user.server'
import { councilsByType } from '~/directory/directory.server'
import { can } from '~/policy/policy'
import { Breadcrumbs } from '~/components/govuk'
import { regionFromSlug } from '~/directory/from-params.server'
import type { PageHandle } from '~/utils/meta'

export const handle: PageHandle<SerializeFrom<typeof loader>> = { title: (data) => data?.region.name ?? 'Region' }

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const region = await regionFromSlug(params.slug)
  authorize(user, 'view', { kind: 'region', id: region.id })
  const groups = await councilsByType(region.id)
  return {
    region,
    groups,
    councilCount: groups.reduce((n, g) => n + g.councils.length, 0),
    mayViewPeople: can(user, 'view', { kind: 'region_people', regionId: region.id }),
    mayViewAssessments: can(user, 'view', { kind: 'region_assessments', regionId: region.id }),
    mayViewCycles: can(user, 'list', { kind: 'region_cycles', regionId: region.id }),
  }
}

export default function Region() {
  const { region, groups, councilCount, mayViewPeople, mayViewAssessments, mayViewCycles } = useLoaderData<typeof loader>()
  return (
    <>
      <Breadcrumbs items={[{ href: '/', text: 'Home' }, { href: '/regions', text: 'Regions' }]} />
      <span className="govuk-caption-xl">Region</span>
      <h1 className="govuk-heading-xl">{region.name}</h1>
      <p className="govuk-body-l">
        {councilCount} councils with children’s services.
        {mayViewPeople ? (
          <>
            {' '}
            <Link className="govuk-link" to={`/regions/${region.slug}/people`}>
              People in {region.name}
            </Link>
          </>
        ) : null}
      </p>
      {mayViewAssessments ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/regions/${region.slug}/assessments`}>
            Self-assessments in {region.name} this cycle
          </Link>
        </p>
      ) : null}
      {mayViewCycles ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/regions/${region.slug}/cycles`}>
            Peer challenge in {region.name}
          </Link>
        </p>
      ) : null}
      {groups.map((group) => (
        <section key={group.type} aria-labelledby={`type-${group.type}`}>
          <h2 className="govuk-heading-m" id={`type-${group.type}`}>
            {group.label} <span className="govuk-caption-m govuk-!-display-inline">({group.councils.length})</span>
          </h2>
          <ul className="govuk-list hub-card-list govuk-!-margin-bottom-8">
            {group.councils.map((c) => (
              <li key={c.id}>
                <Link className="govuk-link" to={`/councils/${c.slug}`}>
                  {c.name}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  )
}
