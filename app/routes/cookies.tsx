import type { PageHandle } from '~/utils/meta'

export const handle: PageHandle = { title: 'Cookies' }

export default function Cookies() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">Cookies</h1>
        <p className="govuk-body">Cookies are small files saved on your device when you use a website. The Improvement Hub uses one essential cookie and nothing else: no analytics, no advertising.</p>
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">Essential cookies</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Name</th>
              <th scope="col" className="govuk-table__header">Purpose</th>
              <th scope="col" className="govuk-table__header">Expires</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            <tr className="govuk-table__row">
              <td className="govuk-table__cell">hub_session</td>
              <td className="govuk-table__cell">Keeps you signed in. It holds a random code; your details stay on our server.</td>
              <td className="govuk-table__cell">30 days after you last used the hub, or when you sign out</td>
            </tr>
          </tbody>
        </table>
        <p className="govuk-body">Because this cookie is essential for the service to work, we do not ask for consent to set it.</p>
      </div>
    </div>
  )
}
