import { z } from 'zod'
import { db } from '~/services.server'
import { MAX_COMMENT } from './comments'
import { can, type Actor, type AssessmentFacts } from '~/policy/policy'
import { publish } from '~/realtime/publish.server'
import { rooms } from '~/realtime/rooms'
import { assessmentResource } from './assessments.server'
import type { Template } from './template'

// Challenge on the page: threads of plain-text comments on sections of a self-assessment.
// Whoever may read the assessment sees its threads; the policy says who may start,
// answer and close one. Live readers hear "comments changed" and refetch.

type Failure = { ok: false; status: 400 | 403 | 404; message: string }
const fail = (status: Failure['status'], message: string): Failure => ({ ok: false, status, message })

export const commentBody = z
  .string({ error: 'Enter your comment' })
  .trim()
  .min(1, 'Enter your comment')
  .max(MAX_COMMENT, `Your comment must be ${MAX_COMMENT.toLocaleString('en-GB')} characters or fewer`)

export type CommentView = { id: string; author: string; council: string | null; body: string; createdAt: Date }
export type ThreadView = CommentView & {
  sectionKey: string
  resolvedAt: Date | null
  replies: CommentView[]
  mayReply: boolean
  mayResolve: boolean
}

const author = { select: { name: true, council: { select: { name: true } } } } as const

/** Every thread on an assessment the actor may read, oldest first; null when they may not. */
export async function threadsOf(actor: Actor, assessmentId: string): Promise<ThreadView[] | null> {
  const resource = await assessmentResource(assessmentId)
  if (!resource || !can(actor, 'view', resource)) return null
  return threadsFor(actor, assessmentId, resource)
}

/** The threads, for a caller that has already loaded the assessment and asked the policy. */
export async function threadsFor(actor: Actor, assessmentId: string, resource: AssessmentFacts): Promise<ThreadView[]> {
  // One query for every comment (and their authors), grouped here: no query per thread.
  const comments = await db().assessmentComment.findMany({
    where: { assessmentId },
    orderBy: { createdAt: 'asc' },
    take: 2000,
    include: { author },
  })
  const view = (c: (typeof comments)[number]): CommentView => ({ id: c.id, author: c.author.name, council: c.author.council?.name ?? null, body: c.body, createdAt: c.createdAt })
  const replies = new Map<string, CommentView[]>()
  for (const c of comments) if (c.parentId) replies.set(c.parentId, [...(replies.get(c.parentId) ?? []), view(c)])
  return comments
    .filter((c) => c.parentId === null)
    .map((root) => {
      const thread = { kind: 'assessment_thread' as const, assessment: resource, authorId: root.authorId }
      return {
        ...view(root),
        sectionKey: root.sectionKey,
        resolvedAt: root.resolvedAt,
        replies: replies.get(root.id) ?? [],
        mayReply: can(actor, 'reply', thread),
        mayResolve: can(actor, 'resolve', thread),
      }
    })
}

export async function startThread(actor: Actor, assessmentId: string, sectionKey: string, body: string): Promise<{ ok: true; id: string } | Failure> {
  const resource = await assessmentResource(assessmentId)
  if (!resource || !can(actor, 'view', resource)) return fail(404, 'Self-assessment not found')
  if (!can(actor, 'comment', resource)) return fail(403, 'You can comment only on a shared self-assessment')
  const assessment = await db().selfAssessment.findUniqueOrThrow({ where: { id: assessmentId }, select: { template: true } })
  const template = assessment.template as unknown as Template
  if (!template.sections.some((s) => s.key === sectionKey)) return fail(400, 'Choose a section of this self-assessment')
  const created = await db().assessmentComment.create({
    data: { assessmentId, sectionKey, authorId: actor.id, councilId: actor.councilId, body },
    select: { id: true },
  })
  publish(rooms.assessment(assessmentId), 'comments.changed', { threadId: created.id })
  return { ok: true, id: created.id }
}

/** A thread of the named assessment: a thread id of another assessment is not found here. */
async function loadThread(assessmentId: string, threadId: string) {
  if (!/^[a-z0-9]{1,40}$/.test(threadId)) return null
  const root = await db().assessmentComment.findUnique({
    where: { id: threadId },
    select: { id: true, assessmentId: true, authorId: true, parentId: true, sectionKey: true, resolvedAt: true },
  })
  if (!root || root.parentId !== null || root.assessmentId !== assessmentId) return null
  const resource = await assessmentResource(root.assessmentId)
  return resource ? { root, thread: { kind: 'assessment_thread' as const, assessment: resource, authorId: root.authorId } } : null
}

export async function replyTo(actor: Actor, assessmentId: string, threadId: string, body: string): Promise<{ ok: true; id: string } | Failure> {
  const found = await loadThread(assessmentId, threadId)
  if (!found || !can(actor, 'view', found.thread.assessment)) return fail(404, 'Comment not found')
  if (!can(actor, 'reply', found.thread)) return fail(403, 'You cannot reply to this comment')
  if (found.root.resolvedAt) return fail(400, 'This thread is resolved. Reopen it to reply.')
  const created = await db().assessmentComment.create({
    data: { assessmentId: found.root.assessmentId, sectionKey: found.root.sectionKey, parentId: found.root.id, authorId: actor.id, councilId: actor.councilId, body },
    select: { id: true },
  })
  publish(rooms.assessment(found.root.assessmentId), 'comments.changed', { threadId })
  return { ok: true, id: created.id }
}

export async function setResolved(actor: Actor, assessmentId: string, threadId: string, resolved: boolean): Promise<{ ok: true } | Failure> {
  const found = await loadThread(assessmentId, threadId)
  if (!found || !can(actor, 'view', found.thread.assessment)) return fail(404, 'Comment not found')
  if (!can(actor, 'resolve', found.thread)) return fail(403, 'You cannot close this thread')
  await db().assessmentComment.update({
    where: { id: threadId },
    data: resolved ? { resolvedAt: new Date(), resolvedById: actor.id } : { resolvedAt: null, resolvedById: null },
  })
  publish(rooms.assessment(found.root.assessmentId), 'comments.changed', { threadId })
  return { ok: true }
}
