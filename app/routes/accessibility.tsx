import type { PageHandle } from '~/utils/meta'

export const handle: PageHandle = { title: 'Accessibility statement' }

export default function Accessibility() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">Accessibility statement for the Improvement Hub</h1>
        <p className="govuk-body">
          The Improvement Hub is run for England’s children’s services. We want as many people as possible to be able to use it. You should be able to:
        </p>
        <ul className="govuk-list govuk-list--bullet">
          <li>change colours, contrast levels and fonts using your browser or device settings</li>
          <li>zoom in up to 400% without the text spilling off the screen</li>
          <li>navigate most of the hub using just a keyboard or speech recognition software</li>
          <li>listen to most of the hub using a screen reader</li>
        </ul>
        <h2 className="govuk-heading-m">How accessible this service is</h2>
        <p className="govuk-body">
          The hub is built with the GOV.UK Design System and aims to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 AA standard. Every page is checked
          automatically with axe as part of our tests.
        </p>
        <h2 className="govuk-heading-m">Reporting accessibility problems</h2>
        <p className="govuk-body">
          If you find a problem that is not listed here, or you need information in a different format, tell your region lead or the national team. We aim to reply within 5
          working days.
        </p>
        <h2 className="govuk-heading-m">Enforcement procedure</h2>
        <p className="govuk-body">
          The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility
          Regulations 2018. If you are not happy with how we respond to your complaint, contact the Equality Advisory and Support Service (EASS).
        </p>
      </div>
    </div>
  )
}
