import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type SerializeFrom } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { requireUser } from '~/auth/current-user.server'
import { Breadcrumbs, Button, EmptyState, ErrorSummary, ProblemSummary, Radios, Select, SummaryList, Tag, TextInput, Textarea, formResultOf } from '~/components/govuk'
import { RichTextWithError } from '~/forums/thread-fields'
import { RATING_LABELS } from '~/peer-challenge/challenge-form'
import { addAction, addFinding, challengePage, moveReport, removeEntry, saveReport, setMeeting } from '~/peer-challenge/challenges.server'
import { ReportTag } from '~/peer-challenge/labels'
import { REPORT_SCOPES, REPORT_SCOPE_LABELS } from '~/peer-challenge/report'
import { failed, refuse, valuesOf } from '~/peer-challenge/respond.server'
import { isoDay } from '~/peer-challenge/timetable'
import { cycleLabel } from '~/self-assessment/cycle'
import { THEMES } from '~/self-assessment/template'
import { formatDay, formatDayTime } from '~/utils/dates'
import { readFormData } from '~/utils/forms.server'
import type { PageHandle } from '~/utils/meta'

export const handle: PageHandle<SerializeFrom<typeof loader>> = { title: (d) => (d ? `${d.challenge.host.name}’s peer challenge ${cycleLabel(d.challenge.cycle.year)}` : 'Peer challenge') }

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const page = await challengePage(user, params.id ?? '')
  if (!page.ok) refuse(page)
  return page
}

const FIELDS = ['meetingDate', 'theme', 'finding', 'title', 'owner', 'dueDate', 'scope']

export async function action({ context, request, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const id = params.id ?? ''
  const form = await readFormData(request)
  const intent = String(form.get('intent') ?? '')
  const run = async () => {
    switch (intent) {
      case 'meeting':
        return setMeeting(user, id, form)
      case 'add-finding':
        return addFinding(user, id, form)
      case 'remove-finding':
        return removeEntry(user, id, 'finding', String(form.get('finding') ?? ''))
      case 'add-action':
        return addAction(user, id, form)
      case 'remove-action':
        return removeEntry(user, id, 'action', String(form.get('action') ?? ''))
      case 'save-report':
        return saveReport(user, id, form)
      case 'agree':
        return moveReport(user, id, 'agree')
      case 'send-back':
        return moveReport(user, id, 'send_back')
      case 'publish':
        return moveReport(user, id, 'publish', form.get('scope'))
    }
    return null
  }
  const result = await run()
  if (!result) throw new Response('That request was not understood.', { status: 400 })
  if (!result.ok) return failed(result, { intent, values: { ...valuesOf(form, FIELDS), 'report.text': String(form.get('report.text') ?? '').slice(0, 40_000), 'report.json': String(form.get('report.json') ?? '').slice(0, 200_000) } })
  const anchor = intent.includes('finding') ? '#findings' : intent.includes('action') ? '#actions' : intent === 'meeting' ? '' : '#the-report'
  return redirect(`/challenges/${id}${anchor}`, 303)
}

/** Removes one finding or action; the hidden text says which to a screen reader. */
function RemoveButton({ kind, id, what }: { kind: 'finding' | 'action'; id: string; what: string }) {
  return (
    <Form method="post" className="hub-inline-form">
      <input type="hidden" name="intent" value={`remove-${kind}`} />
      <input type="hidden" name={kind} value={id} />
      <button type="submit" className="govuk-button govuk-button--warning govuk-button--small hub-small-button" data-module="govuk-button">
        Remove<span className="govuk-visually-hidden"> {what}</span>
      </button>
    </Form>
  )
}

const ORDER = ['meetingDate', 'theme', 'finding', 'title', 'owner', 'dueDate', 'report-text', 'scope']

export default function ChallengePage() {
  const { challenge: c, focus, may } = useLoaderData<typeof loader>()
  const failure = useActionData<typeof action>()
  const [enhanced, setEnhanced] = useState(false)
  useEffect(() => setEnhanced(true), [])
  const result = formResultOf(failure?.errors, failure?.values)
  const resultFor = (intents: string[]) => (failure && intents.includes(failure.intent ?? '') ? result : undefined)
  const reportValues = { 'report.json': c.report.json, 'report.text': c.report.text, ...((failure?.intent === 'save-report' ? failure.values : null) as Record<string, string> | null) }
  const themeOptions = THEMES.map((t) => ({ value: t.key, label: t.label }))
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/regions/${c.cycle.region.slug}/cycles`, text: `${c.cycle.region.name}: peer challenge` },
          { href: `/cycles/${c.cycle.id}`, text: cycleLabel(c.cycle.year) },
        ]}
      />
      {failure && !failure.errors ? (
        <ProblemSummary>
          <p className="govuk-body">{failure.message}</p>
        </ProblemSummary>
      ) : (
        <ErrorSummary result={result} order={ORDER} />
      )}
      <span className="govuk-caption-xl">
        {c.cycle.region.name} · peer challenge {cycleLabel(c.cycle.year)}
      </span>
      <h1 className="govuk-heading-xl">{c.host.name}’s peer challenge</h1>
      <SummaryList
        rows={[
          { key: 'Host council', value: <Link className="govuk-link" to={`/councils/${c.host.slug}`}>{c.host.name}</Link> },
          { key: 'Challengers', value: c.challengers.map((m) => m.name).join(', ') },
          { key: 'Meeting', value: c.meetingDate ? formatDay(c.meetingDate) : 'Not arranged yet' },
          { key: 'Six-month review', value: c.reviewedAt ? `Done on ${formatDay(c.reviewedAt)}${c.reviewedBy ? ` by ${c.reviewedBy}` : ''}` : c.reviewDueAt ? `Due ${formatDay(c.reviewDueAt)}` : 'Due six months after the meeting' },
          { key: 'Report', value: <ReportTag status={c.report.status} /> },
          ...(c.space ? [{ key: 'Discussion', value: <Link className="govuk-link" to={`/forums/${c.space.slug}`}>{c.space.name}</Link> }] : []),
        ]}
      />
      {may.review ? (
        <p className="govuk-body">
          {/* The main call to action only when the review is near; before that, a plain link. */}
          <Link className={c.reviewNear ? 'govuk-button' : 'govuk-link'} to={`/challenges/${c.id}/review`}>
            {c.reviewedAt ? 'Update the six-month review' : 'Record the six-month review'}
          </Link>
        </p>
      ) : null}
      {may.edit ? (
        <details className="govuk-details" open={failure?.intent === 'meeting' || !c.meetingDate}>
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">{c.meetingDate ? 'Change the meeting date' : 'Set the meeting date'}</span>
          </summary>
          <div className="govuk-details__text">
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="meeting" />
              <TextInput name="meetingDate" type="date" label="Meeting date" hint="The six-month review falls due six months after it." result={resultFor(['meeting'])} defaultValue={c.meetingDate ? isoDay(new Date(c.meetingDate)) : undefined} width="govuk-input--width-10" />
              <Button secondary>Save the meeting date</Button>
            </Form>
          </div>
        </details>
      ) : null}

      <h2 className="govuk-heading-l">Focus: {c.host.name}’s top three</h2>
      {focus.state === 'readable' ? (
        <>
          <ol className="govuk-list govuk-list--number" data-testid="focus">
            {focus.challenges.map((f, i) => (
              <li key={i}>
                <strong>{f.theme}</strong>
                {f.whatGoodLooksLike ? <p className="govuk-body-s govuk-!-margin-bottom-1">What good looks like: {f.whatGoodLooksLike}</p> : null}
                {f.supportWelcome ? <p className="govuk-body-s">Support welcome: {f.supportWelcome}</p> : null}
              </li>
            ))}
          </ol>
          <p className="govuk-body">
            <Link className="govuk-link" to={`/assessments/${focus.assessmentId}`}>
              Read {c.host.name}’s self-assessment {cycleLabel(c.cycle.year)}
            </Link>
          </p>
        </>
      ) : (
        <p className="govuk-body">
          {focus.state === 'not_started'
            ? `${c.host.name} has not started its self-assessment for ${cycleLabel(c.cycle.year)}.`
            : `${c.host.name} has not shared its self-assessment with you. When its director shares it with challenge partners, the group can read it here.`}
        </p>
      )}

      <h2 className="govuk-heading-l" id="findings">
        Findings
      </h2>
      {c.findings.length ? (
        <ul className="govuk-list hub-findings" data-testid="findings">
          {c.findings.map((f) => (
            <li key={f.id} className="hub-finding">
              <Tag colour="blue">{f.themeLabel}</Tag> <span className="hub-pre-line">{f.text}</span>
              {may.edit ? (
                <RemoveButton kind="finding" id={f.id} what={`finding: ${f.text.slice(0, 60)}`} />
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>No findings recorded yet.</EmptyState>
      )}
      {may.edit ? (
        <Form method="post" noValidate className="hub-subform">
          <h3 className="govuk-heading-s">Add a finding</h3>
          <input type="hidden" name="intent" value="add-finding" />
          <Select name="theme" label="Theme" options={themeOptions} result={resultFor(['add-finding'])} />
          <Textarea name="finding" label="Finding" result={resultFor(['add-finding'])} rows={3} />
          <Button secondary>Add the finding</Button>
        </Form>
      ) : null}

      <h2 className="govuk-heading-l" id="actions">
        Agreed actions
      </h2>
      {c.actions.length ? (
        <table className="govuk-table" data-testid="actions">
          <caption className="govuk-visually-hidden">Agreed actions</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Action</th>
              <th scope="col" className="govuk-table__header">Owner</th>
              <th scope="col" className="govuk-table__header">Due</th>
              <th scope="col" className="govuk-table__header">At the review</th>
              {may.edit ? (
                <th scope="col" className="govuk-table__header">
                  <span className="govuk-visually-hidden">Remove</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {c.actions.map((a) => (
              <tr className="govuk-table__row" key={a.id}>
                <td className="govuk-table__cell">{a.title}</td>
                <td className="govuk-table__cell">{a.owner}</td>
                <td className="govuk-table__cell">{formatDay(a.dueDate)}</td>
                <td className="govuk-table__cell">
                  {a.rating ? <Tag colour={RATING_LABELS[a.rating].colour}>{RATING_LABELS[a.rating].label}</Tag> : <span className="hub-muted">Not rated yet</span>}
                  {a.ratingNote ? <p className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">{a.ratingNote}</p> : null}
                </td>
                {may.edit ? (
                  <td className="govuk-table__cell">
                    <RemoveButton kind="action" id={a.id} what={`action: ${a.title}`} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState>No actions agreed yet.</EmptyState>
      )}
      {may.edit ? (
        <Form method="post" noValidate className="hub-subform">
          <h3 className="govuk-heading-s">Add an action</h3>
          <input type="hidden" name="intent" value="add-action" />
          <TextInput name="title" label="Action" result={resultFor(['add-action'])} />
          <TextInput name="owner" label="Owner" hint="A role or a name, for example Head of fostering." result={resultFor(['add-action'])} width="govuk-input--width-30" />
          <TextInput name="dueDate" type="date" label="Due" result={resultFor(['add-action'])} width="govuk-input--width-10" />
          <Button secondary>Add the action</Button>
        </Form>
      ) : null}

      {/* Not id="report": the letter's field owns that id. */}
      <h2 className="govuk-heading-l" id="the-report">
        Report and letter <ReportTag status={c.report.status} />
      </h2>
      {c.report.agreedAt && c.report.agreedBy ? <p className="govuk-body-s hub-muted">Agreed by {c.report.agreedBy} on {formatDayTime(c.report.agreedAt)}.</p> : null}
      {c.report.publishedAt ? (
        <p className="govuk-body-s hub-muted">
          Published{c.report.publishedBy ? ` by ${c.report.publishedBy}` : ''} on {formatDayTime(c.report.publishedAt)} to {REPORT_SCOPE_LABELS[c.report.scope ?? 'group'].label.toLowerCase()}.
        </p>
      ) : null}
      {may.edit && c.report.status === 'draft' ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="save-report" />
          <RichTextWithError name="report" label="The challenge letter" hint="What the challengers found and recommend, addressed to the host’s director." error={resultFor(['save-report'])?.error?.['report-text']?.[0]} values={reportValues} enhanced={enhanced} />
          <Button secondary>Save the draft</Button>
        </Form>
      ) : c.report.html ? (
        <div className="hub-rich-text" data-testid="report" dangerouslySetInnerHTML={{ __html: c.report.html }} />
      ) : (
        <EmptyState>No report written yet.</EmptyState>
      )}
      {may.agree ? (
        <Form method="post">
          <input type="hidden" name="intent" value="agree" />
          <p className="govuk-body">As {c.host.name}’s director you agree the report before it is published. No one can change it while it is agreed.</p>
          <Button>Agree the report</Button>
        </Form>
      ) : null}
      {may.publish ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="publish" />
          <Radios name="scope" legend="Who can read the published report?" items={REPORT_SCOPES.map((s) => ({ value: s, label: REPORT_SCOPE_LABELS[s].label, hint: REPORT_SCOPE_LABELS[s].hint }))} result={resultFor(['publish'])} defaultValue="group" />
          <Button>Publish the report</Button>
        </Form>
      ) : null}
      {may.sendBack ? (
        <Form method="post">
          <input type="hidden" name="intent" value="send-back" />
          <Button secondary>Send it back for changes</Button>
        </Form>
      ) : null}
    </>
  )
}
