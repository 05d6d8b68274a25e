import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type SerializeFrom } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { requireUser } from '~/auth/current-user.server'
import { Breadcrumbs, Button, ErrorSummary, ProblemSummary, Radios, Textarea, formResultOf } from '~/components/govuk'
import { ACTION_RATINGS, RATING_LABELS } from '~/peer-challenge/challenge-form'
import { challengePage, saveReview } from '~/peer-challenge/challenges.server'
import { failed, refuse } from '~/peer-challenge/respond.server'
import { cycleLabel } from '~/self-assessment/cycle'
import { formatDay } from '~/utils/dates'
import { readFormData } from '~/utils/forms.server'
import type { PageHandle } from '~/utils/meta'

export const handle: PageHandle<SerializeFrom<typeof loader>> = { title: (d) => (d ? `Six-month review – ${d.challenge.host.name}’s peer challenge` : 'Six-month review') }

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const page = await challengePage(user, params.id ?? '')
  if (!page.ok) refuse(page)
  if (!page.may.review) throw new Response('The review is not open to you yet', { status: 403, statusText: 'Forbidden' })
  return { challenge: page.challenge }
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const form = await readFormData(request)
  const result = await saveReview(user, params.id ?? '', form)
  if (!result.ok) {
    const values = Object.fromEntries([...form.entries()].filter(([k, v]) => typeof v === 'string' && /^(rating|note)-[a-z0-9]{1,40}$/.test(k)).map(([k, v]) => [k, String(v).slice(0, 3000)]))
    return failed(result, { values })
  }
  return redirect(`/challenges/${params.id}#actions`, 303)
}

export default function Review() {
  const { challenge: c } = useLoaderData<typeof loader>()
  const failure = useActionData<typeof action>()
  const result = formResultOf(failure?.errors, failure?.values)
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/cycles/${c.cycle.id}`, text: `Peer challenge ${cycleLabel(c.cycle.year)}` },
          { href: `/challenges/${c.id}`, text: `${c.host.name}’s peer challenge` },
        ]}
      />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {failure && !failure.errors ? (
            <ProblemSummary>
              <p className="govuk-body">{failure.message}</p>
            </ProblemSummary>
          ) : (
            <ErrorSummary result={result} order={['form', ...c.actions.flatMap((a) => [`rating-${a.id}`, `note-${a.id}`])]} />
          )}
          <span className="govuk-caption-l">{c.host.name}’s peer challenge</span>
          <h1 className="govuk-heading-l">Six-month review</h1>
          <p className="govuk-body">
            {c.reviewDueAt ? `Due ${formatDay(c.reviewDueAt)}. ` : ''}Rate each action agreed at the challenge. Say why where an action is at risk or off track, and what happens next.
          </p>
          <Form method="post" noValidate>
            {c.actions.map((a, i) => (
              <div key={a.id} className="hub-review-action">
                <h2 className="govuk-heading-m">
                  {i + 1}. {a.title}
                </h2>
                <p className="govuk-body-s hub-muted">
                  Owner: {a.owner} · due {formatDay(a.dueDate)}
                </p>
                <Radios name={`rating-${a.id}`} legend={`Progress on “${a.title}”`} legendSize="s" inline items={ACTION_RATINGS.map((r) => ({ value: r, label: RATING_LABELS[r].label }))} result={result} defaultValue={a.rating ?? undefined} />
                <Textarea name={`note-${a.id}`} label={`Note on action ${i + 1}`} hint="Needed when the action is at risk or off track." result={result} defaultValue={a.ratingNote} rows={3} />
              </div>
            ))}
            <Button>Save the review</Button>
          </Form>
        </div>
      </div>
    </>
  )
}
