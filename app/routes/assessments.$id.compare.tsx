import type { LoaderFunctionArgs, SerializeFrom } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { notFound, requireUser } from '~/auth/current-user.server'
import { Breadcrumbs, Button, Select, Tag } from '~/components/govuk'
import { compareForCouncil } from '~/self-assessment/assessments.server'
import { cycleLabel } from '~/self-assessment/cycle'
import { STATUS_LABELS } from '~/self-assessment/status'
import type { PageHandle } from '~/utils/meta'

export const handle: PageHandle<SerializeFrom<typeof loader>> = { title: (d) => (d ? `Compare revisions – ${d.assessment.council}` : 'Compare revisions') }

const revisionParam = (value: string | null) => {
  const n = Number(value)
  return value && Number.isInteger(n) && n > 0 ? n : undefined
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const url = new URL(request.url)
  const compared = await compareForCouncil(user, params.id ?? '', revisionParam(url.searchParams.get('from')), revisionParam(url.searchParams.get('to')))
  if (!compared) notFound()
  return compared
}

const CHANGE_LABELS = { added: 'Added', removed: 'Removed', changed: 'Changed', unchanged: 'No change' } as const

export default function CompareRevisions() {
  const { assessment, revisions, from, to, diff } = useLoaderData<typeof loader>()
  const options = revisions.map((r) => ({ value: String(r.number), label: `Revision ${r.number} (${STATUS_LABELS[r.status]})` }))
  const changed = diff.filter((d) => d.change !== 'unchanged').length
  return (
    <>
      <Breadcrumbs
        items={[
          { href: '/', text: 'Home' },
          { href: `/assessments/${assessment.id}`, text: `${assessment.council} self-assessment ${cycleLabel(assessment.year)}` },
        ]}
      />
      <span className="govuk-caption-l">
        {assessment.council} self-assessment {cycleLabel(assessment.year)}
      </span>
      <h1 className="govuk-heading-l">Compare revisions</h1>
      <Form method="get" className="hub-filter">
        <Select name="from" label="Earlier revision" options={options} defaultValue={String(from)} />
        <Select name="to" label="Later revision" options={options} defaultValue={String(to)} />
        <Button secondary>Compare</Button>
      </Form>
      <p className="govuk-body">
        {from === to
          ? 'Choose two different revisions to see what changed.'
          : `Revision ${from} against revision ${to}: ${changed} of ${diff.length} sections changed. Added words are underlined and marked “added”; removed words are struck through and marked “removed”.`}
      </p>
      {diff.map((section) => (
        <section key={section.key} className="hub-diff-section" aria-labelledby={`diff-${section.key}`}>
          <h2 className="govuk-heading-m" id={`diff-${section.key}`}>
            {section.title} <Tag colour={section.change === 'unchanged' ? 'grey' : 'blue'}>{CHANGE_LABELS[section.change]}</Tag>
          </h2>
          {section.ratingBefore !== section.ratingAfter && (section.ratingBefore || section.ratingAfter) ? (
            <p className="govuk-body">
              Rating changed from {section.ratingBefore ?? 'none'} to {section.ratingAfter ?? 'none'}.
            </p>
          ) : null}
          {section.change === 'unchanged' ? null : (
            <p className="govuk-body hub-diff">
              {section.pieces.map((piece, i) =>
                piece.type === 'same' ? (
                  <span key={i}>{piece.text}</span>
                ) : piece.type === 'added' ? (
                  <ins key={i}>
                    <span className="govuk-visually-hidden">[added: </span>
                    {piece.text}
                    <span className="govuk-visually-hidden">]</span>
                  </ins>
                ) : (
                  <del key={i}>
                    <span className="govuk-visually-hidden">[removed: </span>
                    {piece.text}
                    <span className="govuk-visually-hidden">]</span>
                  </del>
                ),
              )}
            </p>
          )}
        </section>
      ))}
    </>
  )
}
