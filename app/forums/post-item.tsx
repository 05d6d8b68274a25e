import { Form, Link, useFetcher } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { formatDayTime } from '~/utils/dates'
import { postHref, REACTIONS, type PostView } from './thread-view'

/** What the viewer may do, decided by the policy on the server for this thread. */
export type ThreadAbilities = {
  viewerId: string
  reply: boolean
  /** Edit their own posts. */
  editOwn: boolean
  react: boolean
  /** Flag other people's posts. */
  flagOthers: boolean
  acceptAnswer: boolean
  moderate: boolean
}

type Props = { post: PostView; threadId: string; may: ThreadAbilities; accepted: boolean; question: boolean; opening?: boolean }

/** One post, the same on the server's page and when it arrives live. */
export function PostItem({ post, threadId, may, accepted, question, opening = false }: Props) {
  const mine = post.authorId === may.viewerId
  const headingId = `post-${post.seq}-by`
  return (
    <article id={`post-${post.seq}`} className={`hub-post${post.hidden ? ' hub-post--hidden' : ''}${accepted ? ' hub-post--accepted' : ''}`} aria-labelledby={headingId} data-post-id={post.id} tabIndex={-1}>
      <header className="hub-post__header">
        <h3 className="govuk-heading-s hub-post__author" id={headingId}>
          {post.authorName}
          {post.councilName ? <span className="hub-post__council">, {post.councilName}</span> : null}
        </h3>
        <p className="govuk-body-s hub-post__meta">
          <a href={`#post-${post.seq}`} className="govuk-link govuk-link--muted">
            <time dateTime={post.createdAt}>{formatDayTime(post.createdAt)}</time>
          </a>
          {post.editedAt ? (
            <>
              {' · '}
              <Link className="govuk-link govuk-link--muted" to={`/posts/${post.id}/history`}>
                edited <span className="govuk-visually-hidden">(see the history of this post)</span>
              </Link>
            </>
          ) : null}
          {accepted ? <strong className="govuk-tag govuk-tag--green hub-post__tag">Accepted answer</strong> : null}
          {post.hidden ? <strong className="govuk-tag govuk-tag--red hub-post__tag">Hidden from readers</strong> : null}
        </p>
      </header>
      {post.replyTo ? (
        <blockquote className="hub-post__quote">
          <p className="govuk-body-s">
            Replying to <a href={postHref(threadId, post.replyTo.seq)} className="govuk-link">{post.replyTo.authorName}</a>: “{post.replyTo.excerpt}”
          </p>
        </blockquote>
      ) : null}
      <div className="hub-rich-text hub-post__body" dangerouslySetInnerHTML={{ __html: post.html }} />
      <footer className="hub-post__footer">
        {may.react ? <Reactions post={post} threadId={threadId} viewerId={may.viewerId} /> : <ReactionCounts post={post} />}
        <ul className="hub-post__actions govuk-body-s">
          {may.reply ? (
            <li>
              <a className="govuk-link" href={`/threads/${threadId}?replyTo=${post.seq}#reply`} data-reply-to={post.seq}>
                Reply<span className="govuk-visually-hidden"> to {post.authorName}</span>
              </a>
            </li>
          ) : null}
          {mine && may.editOwn ? (
            <li>
              <Link className="govuk-link" to={`/posts/${post.id}/edit`}>
                Edit<span className="govuk-visually-hidden"> your post</span>
              </Link>
            </li>
          ) : null}
          {!mine && may.flagOthers && !post.hidden ? (
            <li>
              <Link className="govuk-link" to={`/posts/${post.id}/flag`}>
                Report<span className="govuk-visually-hidden"> this post by {post.authorName}</span>
              </Link>
            </li>
          ) : null}
          {question && may.acceptAnswer && !opening && !post.hidden ? (
            <li>
              <Form method="post" action={`/threads/${threadId}`} className="hub-inline-form">
                <input type="hidden" name="intent" value={accepted ? 'unaccept' : 'accept'} />
                <input type="hidden" name="postId" value={post.id} />
                <button type="submit" className="hub-link-button govuk-link">
                  {accepted ? 'Unmark as the answer' : 'Mark as the answer'}
                </button>
              </Form>
            </li>
          ) : null}
          {may.moderate && !opening ? (
            <li>
              <Form method="post" action={`/threads/${threadId}`} className="hub-inline-form">
                <input type="hidden" name="intent" value={post.hidden ? 'unhide-post' : 'hide-post'} />
                <input type="hidden" name="postId" value={post.id} />
                <button type="submit" className="hub-link-button govuk-link">
                  {post.hidden ? 'Show again' : 'Hide'}
                  <span className="govuk-visually-hidden"> post by {post.authorName}</span>
                </button>
              </Form>
            </li>
          ) : null}
        </ul>
      </footer>
    </article>
  )
}

function reactionLabel(label: string, count: number, mine: boolean) {
  return `${label}: ${count} ${count === 1 ? 'person' : 'people'}${mine ? ', including you' : ''}`
}

function Reactions({ post, threadId, viewerId }: { post: PostView; threadId: string; viewerId: string }) {
  const fetcher = useFetcher()
  // Once hydrated the reaction goes by fetch and comes back live; without JavaScript the form posts and the page reloads.
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  // While a reaction is on its way, show it as given (or taken back).
  const pending = fetcher.formData?.get('reaction')
  return (
    <fetcher.Form method="post" action={`/threads/${threadId}`} className="hub-reactions" preventScrollReset>
      <input type="hidden" name="intent" value="react" />
      <input type="hidden" name="postId" value={post.id} />
      {hydrated ? <input type="hidden" name="_live" value="1" /> : null}
      {REACTIONS.map((r) => {
        const given = post.reactions.find((x) => x.key === r.key)?.userIds ?? []
        let mine = given.includes(viewerId)
        let count = given.length
        if (pending === r.key) {
          count += mine ? -1 : 1
          mine = !mine
        }
        return (
          <button
            key={r.key}
            type="submit"
            name="reaction"
            value={r.key}
            className={`hub-reaction${mine ? ' hub-reaction--mine' : ''}`}
            aria-pressed={mine}
            aria-label={reactionLabel(r.label, count, mine)}
            title={r.label}
          >
            <span aria-hidden="true">{r.emoji}</span>
            {count ? <span aria-hidden="true"> {count}</span> : null}
          </button>
        )
      })}
    </fetcher.Form>
  )
}

function ReactionCounts({ post }: { post: PostView }) {
  const given = REACTIONS.flatMap((r) => {
    const count = post.reactions.find((x) => x.key === r.key)?.userIds.length ?? 0
    return count ? [{ ...r, count }] : []
  })
  if (!given.length) return null
  return (
    <p className="govuk-body-s hub-reactions">
      {given.map((r) => (
        <span key={r.key} className="hub-reaction" aria-label={reactionLabel(r.label, r.count, false)} role="img">
          {r.emoji} {r.count}
        </span>
      ))}
    </p>
  )
}
