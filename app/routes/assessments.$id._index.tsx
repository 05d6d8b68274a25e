import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type SerializeFrom } from '@remix-run/node'
import { Form, Link, useActionData, useFetcher, useLoaderData, useRevalidator } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { z } from 'zod'
import { notFound, requireUser } from '~/auth/current-user.server'
import { Breadcrumbs, Button, NotificationBanner, ProblemSummary, Radios, SummaryList, Textarea } from '~/components/govuk'
import { readFormData } from '~/utils/forms.server'
import { useRoom } from '~/realtime/use-room'
import { rooms } from '~/realtime/rooms'
import { assessmentPage } from '~/self-assessment/view.server'
import { changeStatus } from '~/self-assessment/assessments.server'
import { commentBody, replyTo, setResolved, startThread, type ThreadView } from '~/self-assessment/comments.server'
import { MAX_COMMENT } from '~/self-assessment/comments'
import { SectionContentView } from '~/self-assessment/section-view'
import { StatusTag, SCOPE_LABELS, scopeLabel } from '~/self-assessment/labels'
import { cycleLabel } from '~/self-assessment/cycle'
import type { PageHandle } from '~/utils/meta'
import { formatDayTime } from '~/utils/dates'

export const handle: PageHandle<SerializeFrom<typeof loader>> = {
  title: (d) => (d ? `${d.council.name} self-assessment ${cycleLabel(d.year)}` : 'Self-assessment'),
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const page = await assessmentPage(user, params.id ?? '')
  if (!page) notFound()
  return page
}

const id = z.string().min(1).max(40)
const intents = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('submit_for_sign_off') }),
  z.object({ intent: z.literal('return_to_draft') }),
  z.object({ intent: z.literal('sign_off') }),
  z.object({ intent: z.literal('share'), scope: z.enum(['partners', 'region', 'all'], { error: 'Choose who to share it with' }) }),
  z.object({ intent: z.literal('withdraw') }),
  z.object({ intent: z.literal('comment'), sectionKey: z.string().min(1).max(60), body: commentBody }),
  z.object({ intent: z.literal('reply'), threadId: id, body: commentBody }),
  z.object({ intent: z.literal('resolve'), threadId: id }),
  z.object({ intent: z.literal('reopen'), threadId: id }),
])

const DONE: Record<string, string> = {
  submit_for_sign_off: 'Sent for sign-off. The director can now sign it off.',
  return_to_draft: 'Returned to draft.',
  sign_off: 'Signed off. You can now share it.',
  share: 'Shared. Readers can see the signed-off text, and you can see who has read it below.',
  withdraw: 'Sharing withdrawn. Only people of your council can see it now.',
}

type ActionResult =
  | { ok: true; done?: string; intent: string }
  // `field` is the id of the control in error; `body` keeps what the person typed.
  | { ok: false; intent: string; field?: string; error: string; missing?: string[]; body?: string }

export async function action({ context, request, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const assessmentId = params.id ?? ''
  const form = Object.fromEntries(await readFormData(request))
  const parsed = intents.safeParse(form)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = issue.path[0] === 'body' ? `body-${String(form.sectionKey ?? form.threadId ?? '')}` : issue.path[0] === 'scope' ? 'scope' : undefined
    const body = typeof form.body === 'string' ? form.body.slice(0, MAX_COMMENT * 2) : undefined
    return data<ActionResult>(
      { ok: false, intent: String(form.intent ?? ''), field, body, error: field ? issue.message : 'That request was not understood. Reload the page and try again.' },
      { status: 400 },
    )
  }
  const input = parsed.data
  const outcome = await (async () => {
    switch (input.intent) {
      case 'comment':
        return startThread(user, assessmentId, input.sectionKey, input.body)
      case 'reply':
        return replyTo(user, assessmentId, input.threadId, input.body)
      case 'resolve':
      case 'reopen':
        return setResolved(user, assessmentId, input.threadId, input.intent === 'resolve')
      case 'share':
        return changeStatus(user, assessmentId, 'share', input.scope)
      default:
        return changeStatus(user, assessmentId, input.intent)
    }
  })()
  if (!outcome.ok) {
    if (outcome.status === 404) notFound()
    const missing = 'missing' in outcome ? outcome.missing : undefined
    return data<ActionResult>({ ok: false, intent: input.intent, error: outcome.message, missing }, { status: outcome.status })
  }
  return data<ActionResult>({ ok: true, intent: input.intent, done: DONE[input.intent] })
}

const when = formatDayTime

export default function Assessment() {
  const page = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const revalidator = useRevalidator()
  const comments = useFetcher<{ threads: ThreadView[] }>()
  // Comment and reply forms empty themselves after the person's own post, and only then:
  // someone else's comment arriving live must not wipe what is being typed.
  const [posted, setPosted] = useState(0)
  useEffect(() => {
    if (result?.ok && (result.intent === 'comment' || result.intent === 'reply')) setPosted((n) => n + 1)
  }, [result])
  const [threads, setThreads] = useState(page.threads)
  useEffect(() => setThreads(page.threads), [page.threads])
  useEffect(() => {
    if (comments.data?.threads) setThreads(comments.data.threads as unknown as Page['threads'])
  }, [comments.data])
  useRoom(rooms.assessment(page.id), {
    'comments.changed': () => comments.load(`/assessments/${page.id}/comments`),
    rejoined: () => revalidator.revalidate(),
    // A status change may end this reader's access: reloading shows them that at once.
    'assessment.status': () => revalidator.revalidate(),
  })

  const { council, may } = page
  const title = `Self-assessment ${cycleLabel(page.year)}`
  return (
    <>
      <Breadcrumbs
        items={[
          { href: '/', text: 'Home' },
          page.own
            ? { href: `/councils/${council.slug}/assessments`, text: `${council.name} self-assessments` }
            : page.mayViewBoard
              ? { href: `/regions/${council.region.slug}/assessments`, text: `${council.region.name} self-assessments` }
              : { href: `/councils/${council.slug}`, text: council.name },
        ]}
      />
      {result?.ok && result.done ? (
        <NotificationBanner success title="Success">
          {result.done}
        </NotificationBanner>
      ) : null}
      {result && !result.ok && result.field ? (
        <ProblemSummary key={`${result.field}:${result.error}`}>
          <ul className="govuk-list govuk-error-summary__list">
            <li>
              <a href={`#${result.field}`}>{result.error}</a>
            </li>
          </ul>
        </ProblemSummary>
      ) : null}
      {result && !result.ok && !result.field ? (
        <ProblemSummary key={result.error}>
          <p className="govuk-body">{result.error}</p>
          {result.missing?.length ? (
            <ul className="govuk-list govuk-error-summary__list">
              {result.missing.map((m) => (
                <li key={m}>
                  <a href={`#section-${page.sections.find((s) => s.title === m)?.key ?? ''}`}>{m} is not finished</a>
                </li>
              ))}
            </ul>
          ) : null}
        </ProblemSummary>
      ) : null}
      <span className="govuk-caption-xl">{council.name}</span>
      <h1 className="govuk-heading-xl">{title}</h1>
      <SummaryList
        rows={[
          {
            key: 'Status',
            value: (
              <>
                <StatusTag status={page.revision.status} /> {page.revision.number > 1 ? `Revision ${page.revision.number}` : null}
              </>
            ),
          },
          {
            key: 'Shared with',
            value: page.shared
              ? `${scopeLabel(page.shared.scope)}${page.own && page.shared.number !== page.revision.number ? ` (revision ${page.shared.number}; your changes are not shared until signed off and shared again)` : ''}, since ${when(page.shared.at)}`
              : 'Only people of ' + council.name,
          },
          {
            key: 'Other views',
            value: (
              <ul className="govuk-list">
                <li>
                  <Link className="govuk-link" to={`/assessments/${page.id}/print`}>
                    Print or save as PDF
                  </Link>
                </li>
                {page.revisions.length > 1 ? (
                  <li>
                    <Link className="govuk-link" to={`/assessments/${page.id}/compare`}>
                      Compare revisions
                    </Link>
                  </li>
                ) : null}
              </ul>
            ),
          },
        ]}
      />

      <StatusActions page={page} result={result} />

      {page.sections.map((section) => {
        const sectionThreads = threads.filter((t) => t.sectionKey === section.key)
        return (
          <section key={section.key} id={`section-${section.key}`} className="hub-assessment-section" aria-labelledby={`heading-${section.key}`}>
            <h2 className="govuk-heading-l" id={`heading-${section.key}`}>
              {section.title}
            </h2>
            {may.edit ? (
              <p className="govuk-body">
                <Link className="govuk-link" to={`/assessments/${page.id}/sections/${section.key}`}>
                  Edit<span className="govuk-visually-hidden"> {section.title}</span>
                </Link>
                {page.missing.includes(section.title) ? <strong className="govuk-tag govuk-tag--yellow hub-tag-gap">Not finished</strong> : null}
              </p>
            ) : null}
            <SectionContentView section={section} />
            {sectionThreads.length || may.comment ? (
              <Threads sectionKey={section.key} sectionTitle={section.title} threads={sectionThreads} mayComment={may.comment} result={result} posted={posted} />
            ) : null}
          </section>
        )
      })}

      {page.readers ? (
        <section aria-labelledby="readers-heading">
          <h2 className="govuk-heading-l" id="readers-heading">
            Who has seen this
          </h2>
          {page.readers.length ? (
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-visually-hidden">People outside {council.name} who have read this self-assessment</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">Reader</th>
                  <th scope="col" className="govuk-table__header">Council</th>
                  <th scope="col" className="govuk-table__header">Read</th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {page.readers.map((r, i) => (
                  <tr className="govuk-table__row" key={i}>
                    <td className="govuk-table__cell">{r.name}</td>
                    <td className="govuk-table__cell">{r.council ?? 'Region or national team'}</td>
                    <td className="govuk-table__cell">{when(r.readAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="govuk-body">No one outside {council.name} has read it yet.</p>
          )}
        </section>
      ) : null}
    </>
  )
}

type Page = SerializeFrom<typeof loader>
type Result = SerializeFrom<typeof action> | undefined

function StatusActions({ page, result }: { page: Page; result: Result }) {
  const { may } = page
  if (!may.submit && !may.returnToDraft && !may.signOff && !may.share && !may.withdraw) return null
  const scopeError = result && !result.ok && result.field === 'scope' ? result.error : undefined
  return (
    <div className="hub-panel">
      <h2 className="govuk-heading-m">What happens next</h2>
      {may.submit ? (
        <Form method="post">
          <p className="govuk-body">
            {page.missing.length
              ? `Still to finish: ${page.missing.join(', ')}.`
              : 'Every section is finished. Send it to your director to sign off.'}
          </p>
          <Button name="intent" value="submit_for_sign_off">
            Send for sign-off
          </Button>
        </Form>
      ) : null}
      {may.signOff ? (
        <Form method="post">
          <p className="govuk-body">Signing off makes this revision the council’s record. Any later change starts a new revision.</p>
          <div className="govuk-button-group">
            <Button name="intent" value="sign_off">
              Sign off
            </Button>
            <Button secondary name="intent" value="return_to_draft">
              Return to draft
            </Button>
          </div>
        </Form>
      ) : may.returnToDraft ? (
        <Form method="post">
          <p className="govuk-body">Waiting for the director to sign it off.</p>
          <Button secondary name="intent" value="return_to_draft">
            Return to draft
          </Button>
        </Form>
      ) : null}
      {may.share ? (
        <Form method="post">
          <input type="hidden" name="intent" value="share" />
          <Radios
            name="scope"
            legend={page.shared ? 'Change who can read it' : 'Share it with'}
            hint={`${
              page.signedOffRevision !== page.revision.number
                ? `This shares revision ${page.signedOffRevision}, the last one signed off: later changes are not shared until signed off. `
                : ''
            }Every read by someone outside your council is recorded, and you can see who has read it.`}
            defaultValue={page.shared?.scope ?? undefined}
            result={scopeError ? { error: { scope: [scopeError] } } : undefined}
            items={[
              {
                value: 'partners',
                label: SCOPE_LABELS.partners,
                hint: 'The councils paired with yours for peer challenge in this cycle. Until your region publishes its pairs, no other council can read it.',
              },
              { value: 'region', label: SCOPE_LABELS.region, hint: `Every council in ${page.council.region.name} and the region lead.` },
              { value: 'all', label: SCOPE_LABELS.all, hint: 'Members of every council, region leads and the national team.' },
            ]}
          />
          <Button>{page.shared ? 'Share this revision' : 'Share'}</Button>
        </Form>
      ) : null}
      {may.withdraw ? (
        <Form method="post">
          <p className="govuk-body">Withdrawing ends everyone else’s access at once. Comments stay with your council.</p>
          <Button warning name="intent" value="withdraw">
            Withdraw sharing
          </Button>
        </Form>
      ) : null}
    </div>
  )
}

function Threads({
  sectionKey,
  sectionTitle,
  threads,
  mayComment,
  result,
  posted,
}: {
  sectionKey: string
  sectionTitle: string
  threads: Page['threads']
  mayComment: boolean
  result: Result
  posted: number
}) {
  const field = `body-${sectionKey}`
  const error = result && !result.ok && result.field === field ? result.error : undefined
  return (
    <div className="hub-threads">
      <h3 className="govuk-heading-m">Challenge and comments</h3>
      {threads.length ? (
        <ul className="govuk-list hub-thread-list" aria-live="polite" data-testid={`threads-${sectionKey}`}>
          {threads.map((t) => (
            <li key={t.id} className={`hub-thread${t.resolvedAt ? ' hub-thread--resolved' : ''}`}>
              <Comment comment={t} />
              {t.resolvedAt ? <p className="govuk-body-s"><strong className="govuk-tag govuk-tag--grey">Resolved</strong></p> : null}
              {t.replies.length ? (
                <ul className="govuk-list hub-replies">
                  {t.replies.map((r) => (
                    <li key={r.id}>
                      <Comment comment={r} />
                    </li>
                  ))}
                </ul>
              ) : null}
              {t.mayReply && !t.resolvedAt ? <ReplyForm key={posted} threadId={t.id} author={t.author} result={result} /> : null}
              {t.mayResolve ? (
                <Form method="post" className="hub-inline-form">
                  <input type="hidden" name="threadId" value={t.id} />
                  <button type="submit" name="intent" value={t.resolvedAt ? 'reopen' : 'resolve'} className="govuk-button govuk-button--secondary govuk-!-margin-bottom-2">
                    {t.resolvedAt ? 'Reopen' : 'Mark as resolved'}
                    <span className="govuk-visually-hidden"> the question from {t.author}</span>
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body govuk-hint">No challenge on this section yet.</p>
      )}
      {mayComment ? (
        <details className="govuk-details" open={!!error} key={posted}>
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">
              Ask a challenge question<span className="govuk-visually-hidden"> about {sectionTitle}</span>
            </span>
          </summary>
          <div className="govuk-details__text">
            <Form method="post">
              <input type="hidden" name="sectionKey" value={sectionKey} />
              <Textarea
                id={field}
                name="body"
                defaultValue={error && result && !result.ok ? result.body : undefined}
                label={`Your question or comment on “${sectionTitle}”`}
                hint="Everyone who can read this self-assessment will see it, with your name and council."
                maxLength={MAX_COMMENT}
                result={error ? { error: { [field]: [error] } } : undefined}
              />
              <Button name="intent" value="comment">
                Post
              </Button>
            </Form>
          </div>
        </details>
      ) : null}
    </div>
  )
}

function ReplyForm({ threadId, author, result }: { threadId: string; author: string; result: Result }) {
  const field = `body-${threadId}`
  const error = result && !result.ok && result.field === field ? result.error : undefined
  return (
    <Form method="post">
      <input type="hidden" name="threadId" value={threadId} />
      <Textarea id={field} name="body" label={`Reply to ${author}`} rows={3} defaultValue={error && result && !result.ok ? result.body : undefined} maxLength={MAX_COMMENT} result={error ? { error: { [field]: [error] } } : undefined} />
      <Button secondary name="intent" value="reply">
        Reply
      </Button>
    </Form>
  )
}

function Comment({ comment }: { comment: Page['threads'][number]['replies'][number] }) {
  return (
    <div className="hub-comment">
      <p className="govuk-body-s hub-comment__meta">
        <strong>{comment.author}</strong>
        {comment.council ? `, ${comment.council}` : ''} · <time dateTime={new Date(comment.createdAt).toISOString()}>{when(comment.createdAt)}</time>
      </p>
      <p className="govuk-body hub-pre-line">{comment.body}</p>
    </div>
  )
}
