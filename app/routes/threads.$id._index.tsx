import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type SerializeFrom } from '@remix-run/node'
import { Form, Link, useActionData, useFetcher, useLoaderData, useLocation } from '@remix-run/react'
import { useEffect, useMemo, useRef, useState } from 'react'
import { z } from 'zod'
import { requireUser } from '~/auth/current-user.server'
import { can } from '~/policy/policy'
import { Breadcrumbs, Button, ErrorSummary, NotificationBanner, Tag, type FormResult } from '~/components/govuk'
import { readFormData } from '~/utils/forms.server'
import type { PageHandle } from '~/utils/meta'
import { RichTextField } from '~/rich-text/rich-text-field'
import { emitLive } from '~/realtime/use-room'
import { rooms } from '~/realtime/rooms'
import { readReplyForm, KIND_LABELS } from '~/forums/post-form'
import { readableThread, threadPage } from '~/forums/thread-page.server'
import { postFacts, threadFacts } from '~/forums/threads.server'
import { reply, setAcceptedAnswer, setWatching, toggleReaction } from '~/forums/posts.server'
import { setLocked, setPinned, setPostHidden, setThreadHidden } from '~/forums/moderation.server'
import { isReaction, postHref, type PostView } from '~/forums/thread-view'
import { PostItem } from '~/forums/post-item'
import { useThreadLive } from '~/forums/use-thread-live'
import { db } from '~/services.server'

export const handle: PageHandle<SerializeFrom<typeof loader>> = { title: (d) => (d ? d.state.title : 'Thread') }

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const thread = await readableThread(user, params.id)
  const query = new URL(request.url).searchParams
  // `from` (a linked post) and `replyTo` (a quoted post) widen the window to include it.
  const seqs = [query.get('from'), query.get('replyTo')].map(Number).filter((n) => Number.isInteger(n) && n >= 1 && n <= 1e9)
  return threadPage(user, thread, { all: query.get('all') === '1', fromSeq: seqs.length ? Math.min(...seqs) : undefined })
}

const intents = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('reply'), replyTo: z.coerce.number().int().min(1).max(1e9).optional().or(z.literal('').transform(() => undefined)) }),
  z.object({ intent: z.literal('react'), postId: z.string().regex(/^[a-z0-9]{1,40}$/), reaction: z.string().refine(isReaction) }),
  z.object({ intent: z.enum(['accept', 'unaccept', 'hide-post', 'unhide-post']), postId: z.string().regex(/^[a-z0-9]{1,40}$/) }),
  z.object({ intent: z.enum(['watch', 'unwatch', 'lock', 'unlock', 'pin', 'unpin', 'hide-thread', 'unhide-thread']) }),
])

const refused = (message: string, status = 403) => data({ problem: message, errors: null as null | Record<string, string>, values: null as null | Record<string, string> }, { status })

export async function action({ context, request, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const thread = await readableThread(user, params.id)
  const form = await readFormData(request)
  const parsed = intents.safeParse(Object.fromEntries([...form].filter(([k]) => ['intent', 'postId', 'reaction', 'replyTo'].includes(k))))
  if (!parsed.success) return refused('That request was not understood. Reload the page and try again.', 400)
  const input = parsed.data
  // With JavaScript the page stays put and hears the change live; without, it goes back to the thread.
  const live = form.get('_live') === '1'
  const done = (seq = 1) => (live ? data({ problem: null, errors: null, values: null, ok: true }) : redirect(postHref(thread.id, seq), 303))
  const facts = threadFacts(thread)

  const postIn = async (postId: string) => {
    const post = await db().post.findFirst({ where: { id: postId, threadId: thread.id }, select: { id: true, seq: true, authorId: true, hiddenAt: true } })
    return post
  }

  switch (input.intent) {
    case 'reply': {
      if (!can(user, 'reply', facts)) return refused(thread.lockedAt ? 'This thread is locked: only moderators can reply.' : 'You cannot reply here.')
      const read = readReplyForm([...form].filter(([k]) => k.startsWith('body.')))
      if (!read.ok) {
        const values = Object.fromEntries([...form].filter(([k, v]) => k.startsWith('body.') && typeof v === 'string')) as Record<string, string>
        return data({ problem: null, errors: read.errors, values }, { status: 400 })
      }
      const outcome = await reply(user, thread, { ...read.value, replyToSeq: input.replyTo })
      if (!outcome.ok) return data({ problem: outcome.error, errors: null, values: null }, { status: 409 })
      return live ? data({ problem: null, errors: null, values: null, ok: true, seq: outcome.seq }) : redirect(postHref(thread.id, outcome.seq), 303)
    }
    case 'react': {
      const post = await postIn(input.postId)
      if (!post || !can(user, 'react', postFacts(thread, post))) return refused('You cannot react to that post.', post ? 403 : 404)
      await toggleReaction(user, thread, post.id, input.reaction as never)
      return done(post.seq)
    }
    case 'accept':
    case 'unaccept': {
      const post = await postIn(input.postId)
      if (thread.kind !== 'question' || !post || post.seq === 1 || !can(user, 'accept_answer', facts) || !can(user, 'view', postFacts(thread, post)))
        return refused('Only the person who asked, or a moderator, can mark the answer.')
      await setAcceptedAnswer(thread, input.intent === 'accept' ? post.id : null)
      return done(post.seq)
    }
    case 'hide-post':
    case 'unhide-post': {
      const post = await postIn(input.postId)
      if (!post || !can(user, 'moderate', postFacts(thread, post))) return refused('Only moderators can hide posts.')
      if (post.seq === 1) return refused('To hide the opening post, hide the whole thread.', 400)
      await setPostHidden(user, thread, post.id, input.intent === 'hide-post')
      return done(post.seq)
    }
    case 'watch':
    case 'unwatch':
      await setWatching(user.id, { threadId: thread.id }, input.intent === 'watch')
      return done()
    default: {
      if (!can(user, 'moderate', facts)) return refused('Only moderators can do that.')
      if (input.intent === 'lock' || input.intent === 'unlock') await setLocked(thread, input.intent === 'lock')
      else if (input.intent === 'pin' || input.intent === 'unpin') await setPinned(thread, input.intent === 'pin')
      else await setThreadHidden(user, thread, input.intent === 'hide-thread')
      return done()
    }
  }
}

type ActionData = { problem: string | null; errors: Record<string, string> | null; values: Record<string, string> | null; ok?: boolean; seq?: number }

export default function ThreadPage() {
  const page = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const location = useLocation()
  const [announcement, setAnnouncement] = useState('')
  const live = useThreadLive(page.thread.id, useMemo(() => ({ posts: page.posts, change: page.change, thread: page.state }), [page.posts, page.change, page.state]), {
    fromSeq: page.fromSeq,
    onNewPost: (post) => {
      if (post.authorId !== page.may.viewerId) setAnnouncement(`New post from ${post.authorName}`)
    },
  })
  const { thread, may } = page
  const state = live.thread
  const question = thread.kind === 'question'
  const opening = live.posts.find((p) => p.seq === 1)
  const replies = live.posts.filter((p) => p.seq !== 1)
  const accepted = replies.find((p) => p.id === state.acceptedPostId) ?? (page.acceptedAnswer?.id === state.acceptedPostId ? page.acceptedAnswer : undefined)
  const others = (live.presence?.readers ?? []).filter((r) => r.id !== may.viewerId)
  const typing = live.typing.filter((t) => t.userId !== may.viewerId)

  return (
    <>
      <Breadcrumbs
        items={[
          { href: '/', text: 'Home' },
          { href: '/forums', text: 'Forums' },
          { href: `/forums/${thread.space.slug}`, text: thread.space.name },
        ]}
      />
      {actionData?.problem ? <NotificationBanner title="There is a problem">{actionData.problem}</NotificationBanner> : null}
      {new URLSearchParams(location.search).has('reported') ? (
        <NotificationBanner title="Success" success>
          Thank you: the post has been reported to the moderators of {thread.space.name}.
        </NotificationBanner>
      ) : null}
      {thread.hidden ? <NotificationBanner title="Hidden thread">This thread is hidden: only moderators can see it.</NotificationBanner> : null}
      <span className="govuk-caption-l">
        {KIND_LABELS[thread.kind]} in {thread.space.name}
      </span>
      <h1 className="govuk-heading-l">{state.title}</h1>
      <p className="govuk-body">
        {state.pinnedAt ? <Tag colour="blue">Pinned</Tag> : null} {state.lockedAt ? <Tag colour="grey">Locked</Tag> : null}{' '}
        {question ? accepted ? <Tag colour="green">Answered</Tag> : <Tag colour="yellow">Waiting for an answer</Tag> : null}{' '}
      </p>
      {thread.themes.length ? (
        <p className="govuk-body-s">
          Themes:{' '}
          {thread.themes.map((t, i) => (
            <span key={t.key}>
              {i ? ', ' : ''}
              <Link to={`/forums/${thread.space.slug}?theme=${t.key}`} className="govuk-link">
                {t.label}
              </Link>
            </span>
          ))}
        </p>
      ) : null}
      <div className="hub-thread-tools">
        <Form method="post" className="hub-inline-form">
          <input type="hidden" name="intent" value={page.watching ? 'unwatch' : 'watch'} />
          <Button secondary>{page.watching ? 'Stop following this thread' : 'Follow this thread'}</Button>
        </Form>
        {may.moderate ? <ModeratorTools threadId={thread.id} locked={!!state.lockedAt} pinned={!!state.pinnedAt} hidden={thread.hidden} /> : null}
      </div>
      <p className="govuk-body-s hub-presence" data-testid="presence">
        {others.length ? `Reading now: ${others.map((r) => r.name).join(', ')}` : '\u00a0'}
      </p>

      {opening ? <PostItem post={opening} threadId={thread.id} may={may} accepted={false} question={question} opening /> : null}
      {thread.contact ? (
        <div className="govuk-inset-text">
          <strong>Contact:</strong> {thread.contact}
        </div>
      ) : null}
      {accepted ? (
        <p className="govuk-body">
          <a className="govuk-link" href={postHref(thread.id, accepted.seq)}>
            Go to the accepted answer from {accepted.authorName}
          </a>
        </p>
      ) : null}

      <h2 className="govuk-heading-m" id="replies">
        {replies.length + page.earlier === 1 ? '1 reply' : `${replies.length + page.earlier} replies`}
      </h2>
      {page.earlier ? (
        <p className="govuk-body">
          Showing the latest {replies.length}.{' '}
          <a className="govuk-link" href={`/threads/${thread.id}?all=1#replies`}>
            Show the {page.earlier === 1 ? 'earlier reply' : `${page.earlier} earlier replies`}
          </a>
        </p>
      ) : null}
      <ol className="hub-post-list" data-testid="posts">
        {replies.map((post) => (
          <li key={post.id}>
            <PostItem post={post} threadId={thread.id} may={may} accepted={post.id === state.acceptedPostId} question={question} />
          </li>
        ))}
      </ol>
      <div className="govuk-visually-hidden" aria-live="polite" data-testid="announcer">
        {announcement}
      </div>
      <p className="govuk-body-s hub-typing" data-testid="typing" aria-hidden="true">
        {typing.length ? `${typing.map((t) => t.name).join(', ')} ${typing.length === 1 ? 'is' : 'are'} typing…` : '\u00a0'}
      </p>
      {may.reply ? (
        <ReplyForm key={location.key} threadId={thread.id} posts={live.posts} actionData={actionData} />
      ) : (
        <p className="govuk-body" id="reply">
          {state.lockedAt ? 'This thread is locked. Only moderators can reply.' : 'You cannot reply in this thread.'}
        </p>
      )}
    </>
  )
}

function ReplyForm({ threadId, posts, actionData }: { threadId: string; posts: PostView[]; actionData: ActionData | undefined }) {
  const fetcher = useFetcher<typeof action>()
  const location = useLocation()
  const [enhanced, setEnhanced] = useState(false)
  const [formKey, setFormKey] = useState(0)
  useEffect(() => setEnhanced(true), [])
  const initialReplyTo = Number(new URLSearchParams(location.search).get('replyTo')) || undefined
  const [replyTo, setReplyTo] = useState<number | undefined>(initialReplyTo)
  const target = replyTo ? posts.find((p) => p.seq === replyTo) : undefined
  const result = (enhanced ? (fetcher.data as ActionData | undefined) : actionData) ?? undefined
  const formResult: FormResult = result?.errors ? { status: 'error', error: Object.fromEntries(Object.entries(result.errors).map(([k, v]) => [k, [v]])) } : undefined
  const lastTyping = useRef(0)

  // "Reply" links on posts set the quoted post without leaving the page.
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const link = (event.target as HTMLElement).closest<HTMLAnchorElement>('a[data-reply-to]')
      if (!link) return
      event.preventDefault()
      setReplyTo(Number(link.dataset.replyTo))
      document.getElementById('reply')?.scrollIntoView()
      document.querySelector<HTMLElement>('#reply [contenteditable], #reply textarea')?.focus()
    }
    document.addEventListener('click', onClick)
    return () => document.removeEventListener('click', onClick)
  }, [])
  // A sent reply empties the form.
  useEffect(() => {
    if (fetcher.state === 'idle' && (fetcher.data as ActionData | undefined)?.ok) {
      setFormKey((k) => k + 1)
      setReplyTo(undefined)
    }
  }, [fetcher.state, fetcher.data])

  const FormTag = enhanced ? fetcher.Form : Form
  return (
    <section aria-labelledby="reply-heading" id="reply">
      <h2 className="govuk-heading-m" id="reply-heading">
        Reply
      </h2>
      <ErrorSummary result={formResult} order={['body-text']} />
      {result?.problem && enhanced ? <NotificationBanner title="There is a problem">{result.problem}</NotificationBanner> : null}
      <FormTag
        method="post"
        action={`/threads/${threadId}`}
        preventScrollReset
        key={formKey}
        onInput={() => {
          if (Date.now() - lastTyping.current > 2000) {
            lastTyping.current = Date.now()
            emitLive('typing', rooms.thread(threadId))
          }
        }}
      >
        <input type="hidden" name="intent" value="reply" />
        {enhanced ? <input type="hidden" name="_live" value="1" /> : null}
        {target ? (
          <div className="govuk-inset-text hub-replying-to">
            <input type="hidden" name="replyTo" value={target.seq} />
            Replying to {target.authorName}: “{target.html ? excerptOf(target.html) : ''}”{' '}
            {enhanced ? (
              <button type="button" className="hub-link-button govuk-link" onClick={() => setReplyTo(undefined)}>
                Reply to the thread instead
              </button>
            ) : (
              <a className="govuk-link" href={`/threads/${threadId}#reply`}>
                Reply to the thread instead
              </a>
            )}
          </div>
        ) : null}
        <div className={formResult?.error?.['body-text'] ? 'govuk-form-group--error' : undefined}>
          {formResult?.error?.['body-text'] ? (
            <p className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {formResult.error['body-text'][0]}
            </p>
          ) : null}
          <RichTextField
            name="body"
            label="Your reply"
            hint="To mention someone, type @ and their full name, for example @Priya Patel. They will be told."
            enhanced={enhanced}
            json={result?.values?.['body.json']}
            text={result?.values?.['body.text']}
          />
        </div>
        <Button>{fetcher.state !== 'idle' ? 'Posting…' : 'Post reply'}</Button>
      </FormTag>
    </section>
  )
}

function excerptOf(html: string) {
  const text = html.replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ').replace(/\s+/g, ' ').trim()
  return text.length > 120 ? `${text.slice(0, 119)}…` : text
}

function ModeratorTools({ threadId, locked, pinned, hidden }: { threadId: string; locked: boolean; pinned: boolean; hidden: boolean }) {
  const tool = (intent: string, label: string) => (
    <Form method="post" action={`/threads/${threadId}`} className="hub-inline-form">
      <input type="hidden" name="intent" value={intent} />
      <Button secondary>{label}</Button>
    </Form>
  )
  return (
    <details className="govuk-details hub-moderator-tools">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Moderate this thread</span>
      </summary>
      <div className="govuk-details__text govuk-button-group">
        {tool(locked ? 'unlock' : 'lock', locked ? 'Unlock' : 'Lock')}
        {tool(pinned ? 'unpin' : 'pin', pinned ? 'Unpin' : 'Pin')}
        {tool(hidden ? 'unhide-thread' : 'hide-thread', hidden ? 'Show the thread again' : 'Hide the thread')}
        <Link className="govuk-button govuk-button--secondary" to={`/threads/${threadId}/move`}>
          Move to another space
        </Link>
      </div>
    </details>
  )
}
