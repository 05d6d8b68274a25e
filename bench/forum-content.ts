// What the forum benches put in the database before the hub starts: a long thread in the
// national space, written straight into the tables (not through the routes: 500 replies
// over HTTP would measure posting, not reading), and sessions for many readers.
//
// The embedded database belongs to one process at a time, so this runs between the first
// start (migrations, demo data) and the measured start, with the hub stopped.
import crypto from 'node:crypto'
import { openDatabase } from '../server/database'
import { setServices, type Services } from '../app/services.server'
import { renderPostContent } from '../app/forums/threads.server'
import { generateToken, hashToken } from '../app/auth/tokens.server'
import { SESSION_LIFETIME } from '../app/auth/session.server'
import { narrative, plainText, type Doc } from './assessment-content'

export type ForumFixture = {
  threadId: string
  title: string
  posts: number
  /** Plain-text characters over all posts, and stored HTML bytes. */
  textChars: number
  htmlBytes: number
  reactions: number
  repliesTo: number
  /** The text of the last post: a page that shows it rendered the whole thread. */
  lastPhrase: string
  /** Session cookies (`hub_session=…`) made for readers, when asked for. */
  readerCookies: string[]
}

const id = () => 'b' + crypto.randomBytes(12).toString('hex')
const REACTION_KEYS = ['thumbs_up', 'lightbulb', 'heart', 'clap'] as const

/** A reply's document: 600–1,500 characters of prose with bold lead-ins and bullet lists; every 7th gets a link. */
function postDoc(i: number): Doc {
  const chars = 600 + ((i * 337) % 900)
  const doc = narrative(1000 + i, chars)
  if (i % 7 === 0) {
    doc.content.push({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'We wrote this up in more detail: ' },
        { type: 'text', text: 'our practice guide', marks: [{ type: 'link', attrs: { href: 'https://www.gov.uk/government/publications/working-together-to-safeguard-children--2' } }] },
        { type: 'text', text: '.' },
      ],
    } as never)
  }
  return doc
}

/**
 * Opens the database (the embedded one in `dataDir`, or `databaseUrl`), writes a thread of
 * `posts` posts and `readerSessions` sessions spread over the demo directors, and closes it.
 */
export async function writeForumFixture(options: { dataDir: string; databaseUrl?: string; posts: number; readerSessions?: number }): Promise<ForumFixture> {
  const database = await openDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir, migrate: false })
  // renderPostContent and the rest of the app reach the database through the services slot.
  setServices({ db: database.prisma, config: {} as Services['config'], logger: console as never, publish: () => {}, endSessions: () => {}, recheckRoom: async () => {}, demoMode: false })
  try {
    const prisma = database.prisma
    const space = await prisma.space.findUniqueOrThrow({ where: { slug: 'national' }, select: { id: true } })
    const directors = await prisma.user.findMany({
      where: { email: { startsWith: 'dcs.' } },
      select: { id: true, councilId: true },
      orderBy: { email: 'asc' },
    })
    if (directors.length < 50) throw new Error(`expected the demo directors, found ${directors.length}`)
    const title = 'How are you keeping step-down from care stable after six months?'
    const threadId = id()
    const start = Date.now() - options.posts * 20 * 60_000
    const author0 = directors[0]
    await prisma.thread.create({
      data: {
        id: threadId,
        spaceId: space.id,
        kind: 'discussion',
        title,
        themes: ['children_in_care'],
        authorId: author0.id,
        councilId: author0.councilId,
        createdAt: new Date(start),
        lastPostAt: new Date(start + (options.posts - 1) * 20 * 60_000),
        lastSeq: options.posts,
        changeSeq: options.posts,
        replyCount: options.posts - 1,
      },
    })
    const lastPhrase = 'Closing note for the bench: step-down plans held in nine cases out of ten.'
    const rows = []
    const ids: string[] = []
    let textChars = 0
    let htmlBytes = 0
    let repliesTo = 0
    for (let seq = 1; seq <= options.posts; seq++) {
      const doc = postDoc(seq)
      if (seq === options.posts) doc.content.push({ type: 'paragraph', content: [{ type: 'text', text: lastPhrase }] } as never)
      const content = { doc } as never
      const text = plainText(doc)
      const html = renderPostContent(content)
      const author = directors[(seq * 13) % directors.length]
      // Every 20th reply answers an earlier post.
      const replyToId = seq > 10 && seq % 20 === 0 ? ids[seq - 1 - 7] : null
      if (replyToId) repliesTo++
      const postId = id()
      ids.push(postId)
      textChars += text.length
      htmlBytes += Buffer.byteLength(html)
      rows.push({
        id: postId,
        threadId,
        seq,
        changedSeq: seq,
        authorId: author.id,
        councilId: author.councilId,
        replyToId,
        content,
        text,
        html,
        title: seq === 1 ? title : '',
        createdAt: new Date(start + (seq - 1) * 20 * 60_000),
      })
    }
    for (let i = 0; i < rows.length; i += 100) await prisma.post.createMany({ data: rows.slice(i, i + 100) })
    // Reactions on about a third of the posts, one to six people each.
    const reactions = []
    for (let seq = 1; seq <= options.posts; seq++) {
      if (seq % 3 !== 1) continue
      const people = 1 + (seq % 6)
      for (let k = 0; k < people; k++) {
        reactions.push({ postId: ids[seq - 1], userId: directors[(seq + k * 17) % directors.length].id, emoji: REACTION_KEYS[(seq + k) % (k % 2 ? 2 : 4)] })
      }
    }
    await prisma.reaction.createMany({ data: reactions, skipDuplicates: true })

    const readerCookies: string[] = []
    const sessions = []
    for (let i = 0; i < (options.readerSessions ?? 0); i++) {
      const token = generateToken()
      readerCookies.push(`hub_session=${token}`)
      sessions.push({ id: hashToken(token), userId: directors[i % directors.length].id, expiresAt: new Date(Date.now() + SESSION_LIFETIME), userAgent: 'bench' })
    }
    for (let i = 0; i < sessions.length; i += 200) await prisma.session.createMany({ data: sessions.slice(i, i + 200) })
    const reactionCount = await prisma.reaction.count({ where: { post: { threadId } } })
    return { threadId, title, posts: options.posts, textChars, htmlBytes, reactions: reactionCount, repliesTo, lastPhrase, readerCookies }
  } finally {
    await database.close()
  }
}
