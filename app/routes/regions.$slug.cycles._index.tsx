import type { LoaderFunctionArgs, SerializeFrom } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { authorize, requireUser } from '~/auth/current-user.server'
import { can } from '~/policy/policy'
import { Breadcrumbs, EmptyState, Tag } from '~/components/govuk'
import { regionFromSlug } from '~/directory/from-params.server'
import { regionCycles } from '~/peer-challenge/cycles.server'
import { CYCLE_STATUS_LABELS, modelLabel } from '~/peer-challenge/labels'
import { cycleLabel } from '~/self-assessment/cycle'
import { formatDay } from '~/utils/dates'
import type { PageHandle } from '~/utils/meta'

export const handle: PageHandle<SerializeFrom<typeof loader>> = { title: (d) => (d ? `Peer challenge – ${d.region.name}` : 'Peer challenge') }

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const region = await regionFromSlug(params.slug)
  authorize(user, 'list', { kind: 'region_cycles', regionId: region.id })
  return {
    region: { name: region.name, slug: region.slug },
    cycles: await regionCycles(user, region.id),
    mayOpen: can(user, 'create', { kind: 'region_cycles', regionId: region.id }),
  }
}

export default function RegionCycles() {
  const { region, cycles, mayOpen } = useLoaderData<typeof loader>()
  return (
    <>
      <Breadcrumbs
        items={[
          { href: '/', text: 'Home' },
          { href: `/regions/${region.slug}`, text: region.name },
        ]}
      />
      <span className="govuk-caption-xl">{region.name}</span>
      <h1 className="govuk-heading-xl">Peer challenge</h1>
      <p className="govuk-body">Each year the region pairs its councils to challenge each other around their top three challenges, and reviews progress six months after each challenge.</p>
      {mayOpen ? (
        <Link className="govuk-button" to={`/regions/${region.slug}/cycles/new`}>
          Open a cycle
        </Link>
      ) : null}
      {cycles.length ? (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">Cycles</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Cycle</th>
              <th scope="col" className="govuk-table__header">Model</th>
              <th scope="col" className="govuk-table__header">Councils</th>
              <th scope="col" className="govuk-table__header">Challenge window</th>
              <th scope="col" className="govuk-table__header">Status</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {cycles.map((c) => (
              <tr className="govuk-table__row" key={c.id}>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/cycles/${c.id}`}>
                    {cycleLabel(c.year)}
                  </Link>
                </td>
                <td className="govuk-table__cell">{modelLabel(c.model)}</td>
                <td className="govuk-table__cell">{c._count.participants}</td>
                <td className="govuk-table__cell">
                  {formatDay(c.windowOpens)} to {formatDay(c.windowCloses)}
                </td>
                <td className="govuk-table__cell">
                  <Tag colour={c.status === 'published' ? 'green' : 'blue'}>{CYCLE_STATUS_LABELS[c.status]}</Tag>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState>No cycles yet.</EmptyState>
      )}
    </>
  )
}
