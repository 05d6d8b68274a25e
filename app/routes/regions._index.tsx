import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { authorize, requireUser } from '~/auth/current-user.server'
import { listRegions } from '~/directory/directory.server'
import type { PageHandle } from '~/utils/meta'

export const handle: PageHandle = { title: 'Regions' }

export async function loader({ context, request }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const regions = await listRegions()
  for (const r of regions) authorize(user, 'view', { kind: 'region', id: r.id })
  return { regions }
}

export default function Regions() {
  const { regions } = useLoaderData<typeof loader>()
  return (
    <>
      <h1 className="govuk-heading-xl">Regions</h1>
      <p className="govuk-body-l">England’s councils with children’s services work together in 9 ADCS regions.</p>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m govuk-visually-hidden">Regions and their councils</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Region
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Councils
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {regions.map((r) => (
            <tr className="govuk-table__row" key={r.id}>
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={`/regions/${r.slug}`}>
                  {r.name}
                </Link>
              </td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{r.councilCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
