import type { RoleName } from '~/policy/policy'
import { roleLabel } from '~/directory/labels'
import { EmptyState } from './govuk'

export function PeopleTable({ caption, people }: { caption: string; people: { id: string; name: string; email: string; roles: RoleName[] }[] }) {
  if (!people.length) return <EmptyState>No one has joined yet.</EmptyState>
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--s govuk-visually-hidden">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Name
          </th>
          <th scope="col" className="govuk-table__header">
            Role
          </th>
          <th scope="col" className="govuk-table__header">
            Email
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {people.map((p) => (
          <tr className="govuk-table__row" key={p.id}>
            <td className="govuk-table__cell">{p.name}</td>
            <td className="govuk-table__cell">{p.roles.map(roleLabel).join(', ')}</td>
            <td className="govuk-table__cell">
              <a className="govuk-link" href={`mailto:${p.email}`}>
                {p.email}
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
