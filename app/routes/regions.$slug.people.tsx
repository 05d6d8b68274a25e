import type { LoaderFunctionArgs, SerializeFrom } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { authorize, requireUser } from '~/auth/current-user.server'
import { regionPeople } from '~/directory/directory.server'
import { Breadcrumbs } from '~/components/govuk'
import { PeopleTable } from '~/components/people-table'
import { regionFromSlug } from '~/directory/from-params.server'
import type { PageHandle } from '~/utils/meta'

export const handle: PageHandle<SerializeFrom<typeof loader>> = { title: (data) => (data ? `People in ${data.region.name}` : 'People') }

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const region = await regionFromSlug(params.slug)
  authorize(user, 'view', { kind: 'region_people', regionId: region.id })
  return { region, ...(await regionPeople(region.id)) }
}

export default function RegionPeople() {
  const { region, leads, councils } = useLoaderData<typeof loader>()
  return (
    <>
      <Breadcrumbs items={[{ href: '/', text: 'Home' }, { href: '/regions', text: 'Regions' }, { href: `/regions/${region.slug}`, text: region.name }]} />
      <span className="govuk-caption-xl">{region.name}</span>
      <h1 className="govuk-heading-xl">People</h1>
      <h2 className="govuk-heading-m">Region leads</h2>
      <PeopleTable caption={`Region leads for ${region.name}`} people={leads} />
      {councils.map((c) => (
        <section key={c.id} aria-labelledby={`council-${c.id}`}>
          <h2 className="govuk-heading-m" id={`council-${c.id}`}>
            <Link className="govuk-link" to={`/councils/${c.slug}/people`}>
              {c.name}
            </Link>
          </h2>
          <PeopleTable caption={`People at ${c.name}`} people={c.people} />
        </section>
      ))}
    </>
  )
}
