import type { LoaderFunctionArgs, SerializeFrom } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { notFound, requireUser } from '~/auth/current-user.server'
import { assessmentPage } from '~/self-assessment/view.server'
import { SectionContentView } from '~/self-assessment/section-view'
import { STATUS_LABELS } from '~/self-assessment/status'
import { scopeLabel } from '~/self-assessment/labels'
import { cycleLabel } from '~/self-assessment/cycle'
import type { PageHandle } from '~/utils/meta'
import { formatDay } from '~/utils/dates'

// For board papers: the assessment alone, laid out to print or save as PDF from the
// browser (the print stylesheet drops the hub's header, navigation and footer).
export const handle: PageHandle<SerializeFrom<typeof loader>> = {
  title: (d) => (d ? `${d.council.name} self-assessment ${cycleLabel(d.year)} (print)` : 'Self-assessment'),
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const page = await assessmentPage(user, params.id ?? '')
  if (!page) notFound()
  const { threads: _threads, readers: _readers, ...printable } = page
  return printable
}

const day = formatDay

export default function PrintAssessment() {
  const page = useLoaderData<typeof loader>()
  return (
    <article className="hub-print">
      <p className="govuk-body hub-no-print">
        <Link className="govuk-link" to={`/assessments/${page.id}`}>
          Back to the self-assessment
        </Link>{' '}
        · Use your browser’s Print command (Ctrl+P or ⌘P) and choose “Save as PDF” for a PDF.
      </p>
      <span className="govuk-caption-l">{page.council.name}</span>
      <h1 className="govuk-heading-xl">Self-assessment {cycleLabel(page.year)}</h1>
      <p className="govuk-body">
        Revision {page.revision.number}, {STATUS_LABELS[page.revision.status].toLowerCase()}
        {page.shared ? `; shared with: ${scopeLabel(page.shared.scope).toLowerCase()} since ${day(page.shared.at)}` : ''}. Printed {day(new Date())}. Confidential to
        the people it is shared with.
      </p>
      {page.sections.map((section) => (
        <section key={section.key} className="hub-print__section" aria-labelledby={`print-${section.key}`}>
          <h2 className="govuk-heading-l" id={`print-${section.key}`}>
            {section.title}
          </h2>
          <SectionContentView section={section} />
        </section>
      ))}
    </article>
  )
}
