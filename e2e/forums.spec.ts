import { expect, type Browser, type Page } from '@playwright/test'
import { axeSource, expectNoSeriousAxeViolations, signIn, test } from './support'

// The forums in real Chromium against a real hub: Camden and Hackney read the same
// London thread in two browsers. A reply, typing, a reaction and an edit appear live; a
// mention lights Hackney's bell without a reload; the region's lead hides a post and it
// vanishes from the others' open pages; a reader that loses its connection gets every
// post it missed, once; and the thread works with JavaScript off.

test.describe.configure({ mode: 'serial' })
test.setTimeout(180_000)

async function personIn(browser: Browser, email: string, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext(options)
  await context.addInitScript({ content: axeSource })
  const page = await context.newPage()
  await signIn(page, email)
  return { context, page }
}

const editor = (page: Page, name = 'body') => page.getByTestId(`editor-${name}`).getByRole('textbox')
const posts = (page: Page) => page.getByTestId('posts').locator('article')
async function writeReply(page: Page, text: string) {
  const box = editor(page)
  await box.click()
  await page.keyboard.type(text)
  await page.getByRole('button', { name: 'Post reply' }).click()
  // The form empties once the reply is stored.
  await expect(box).toHaveText('')
}

test('two people discuss live; mentions, moderation and catch-up reach open pages', async ({ browser }, testInfo) => {
  const camden = await personIn(browser, 'dcs.camden@example.org')
  const hackney = await personIn(browser, 'dcs.hackney@example.org')
  const lead = await personIn(browser, 'lead.london@example.org')
  let threadUrl = ''
  const hackneyName = (await hackney.page.evaluate(async () => (await fetch('/account')).text())).match(/Name<\/dt>\s*<dd[^>]*>([^<]+)</)?.[1]?.trim()
  expect(hackneyName).toBeTruthy()

  await test.step('Camden starts a discussion in the London space', async () => {
    const page = camden.page
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Forums' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Forums' })).toBeVisible()
    await page.getByRole('link', { name: 'London', exact: true }).click()
    await page.getByRole('link', { name: 'Start a thread' }).click()
    await page.getByLabel('Discussion').check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByLabel('Title').fill('Keeping social workers in the first two years')
    await page.getByLabel('Workforce').check()
    await editor(page).click()
    await page.keyboard.type('What has worked for you in keeping newly qualified social workers?')
    await expectNoSeriousAxeViolations(page, testInfo, 'new thread form')
    await page.getByRole('button', { name: 'Post' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Keeping social workers in the first two years' })).toBeVisible()
    threadUrl = new URL(page.url()).pathname
    await expectNoSeriousAxeViolations(page, testInfo, 'thread page')
  })

  await test.step('Hackney opens it; both see who is reading', async () => {
    await hackney.page.goto(threadUrl)
    await expect(hackney.page.getByText('What has worked for you')).toBeVisible()
    await expect(camden.page.getByTestId('presence')).toContainText(hackneyName!)
  })

  await test.step('Hackney’s typing and reply appear on Camden’s open page', async () => {
    await editor(hackney.page).click()
    await hackney.page.keyboard.type('We')
    await expect(camden.page.getByTestId('typing')).toContainText('is typing')
    await hackney.page.keyboard.type(' pair every new starter with a practice mentor for a year.')
    await hackney.page.getByRole('button', { name: 'Post reply' }).click()
    await expect(posts(camden.page)).toHaveCount(1)
    await expect(posts(camden.page).first()).toContainText('practice mentor for a year')
    await expect(camden.page.getByTestId('announcer')).toContainText('New post from')
    await expect(posts(hackney.page)).toHaveCount(1) // the author's own page too, once
  })

  await test.step('a reaction and an edit are live', async () => {
    await camden.page.getByRole('button', { name: /^Useful idea: 0 people/ }).nth(1).click()
    await expect(posts(hackney.page).first().getByRole('button', { name: /^Useful idea: 1 person/ })).toBeVisible()
  })

  await test.step('a mention lights Hackney’s bell without a reload', async () => {
    await hackney.page.goto('/forums')
    const unread = async () => Number(/(\d+)/.exec((await hackney.page.getByTestId('bell').textContent()) ?? '')?.[1] ?? 0)
    const before = await unread()
    await writeReply(camden.page, `Thanks @${hackneyName}, could you share your mentoring handbook?`)
    await expect(hackney.page.getByTestId('bell')).toContainText(String(before + 1))
    await hackney.page.getByTestId('bell').click()
    await expect(hackney.page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible()
    await expect(hackney.page.getByTestId('notifications')).toContainText('mentioned you in')
    await expectNoSeriousAxeViolations(hackney.page, testInfo, 'notifications')
    await hackney.page.getByRole('link', { name: 'Keeping social workers in the first two years' }).first().click()
    await expect(posts(hackney.page)).toHaveCount(2)
  })

  await test.step('the lead hides a post and it vanishes from the open pages', async () => {
    await lead.page.goto(threadUrl)
    await expect(posts(lead.page)).toHaveCount(2)
    await posts(lead.page).nth(1).getByRole('button', { name: /^Hide/ }).click()
    await expect(posts(camden.page)).toHaveCount(1)
    await expect(posts(hackney.page)).toHaveCount(1)
    await expect(posts(lead.page).nth(1)).toContainText('Hidden from readers')
  })

  await test.step('a reader that loses its connection gets every post it missed, once', async () => {
    await hackney.context.setOffline(true)
    await camden.page.waitForTimeout(500)
    await writeReply(camden.page, 'First while you were away.')
    await writeReply(camden.page, 'Second while you were away.')
    await hackney.context.setOffline(false)
    await expect(posts(hackney.page)).toHaveCount(3, { timeout: 15_000 })
    await expect(posts(hackney.page).nth(1)).toContainText('First while you were away.')
    await expect(posts(hackney.page).nth(2)).toContainText('Second while you were away.')
    await hackney.page.waitForTimeout(1000)
    await expect(posts(hackney.page)).toHaveCount(3)
  })

  await test.step('without JavaScript the thread is a plain page with a form', async () => {
    const plain = await personIn(browser, 'dcs.islington@example.org', { javaScriptEnabled: false })
    await plain.page.goto(threadUrl)
    await plain.page.getByLabel('Your reply').fill('Islington here: we use a rotation scheme.')
    await plain.page.getByRole('button', { name: 'Post reply' }).click()
    await expect(plain.page.getByText('Islington here: we use a rotation scheme.')).toBeVisible()
    await expect(posts(camden.page)).toHaveCount(4)
    await plain.context.close()
  })

  for (const p of [camden, hackney, lead]) await p.context.close()
})

test.describe('forum pages pass axe', () => {
  test('every forum page, with and without errors', async ({ page }, testInfo) => {
    await signIn(page, 'lead.london@example.org')
    const check = async (path: string, heading: string | RegExp, status = 200) => {
      const response = await page.goto(path)
      expect(response?.status(), path).toBe(status)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading)
      await expectNoSeriousAxeViolations(page, testInfo, path)
    }
    await check('/forums', 'Forums')
    await check('/forums/london', 'London')
    await check('/forums/london?kind=question&theme=workforce', 'London')
    await check('/forums/london/new', 'Start a thread')
    await page.getByRole('button', { name: 'Continue' }).click()
    await expect(page.getByRole('alert')).toContainText('Choose what kind of thread to start')
    await expectNoSeriousAxeViolations(page, testInfo, 'kind error')
    await check('/forums/london/new?kind=good_practice', 'Share good practice')
    await page.getByRole('button', { name: 'Post' }).click()
    await expect(page.getByRole('alert')).toContainText('Enter a title')
    await expectNoSeriousAxeViolations(page, testInfo, 'good practice errors')
    await check('/forums/london/new?kind=question', 'Ask a question')
    await page.getByLabel('Your question').fill('Which tools do you use for audits?')
    await editor(page).click()
    await page.keyboard.type('We are choosing one.')
    await page.getByRole('button', { name: 'Post' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Which tools do you use for audits?' })).toBeVisible()
    const thread = new URL(page.url()).pathname
    await writeReply(page, 'A reply to report and edit.')
    await page.getByText('Moderate this thread').click()
    await expectNoSeriousAxeViolations(page, testInfo, 'thread with moderator tools open')
    const postId = await posts(page).first().getAttribute('data-post-id')
    await check(`/posts/${postId}/edit`, 'Edit your post')
    await editor(page).click()
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.press('Delete')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await expect(page.getByRole('alert')).toContainText('Enter your reply')
    await expectNoSeriousAxeViolations(page, testInfo, 'edit errors')
    await editor(page).click()
    await page.keyboard.type('An edited reply.')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await expect(page.getByText('An edited reply.')).toBeVisible()
    await check(`/posts/${postId}/history`, /^History of a post by/)
    await check(`${thread}/move`, /^Move “/)
    await check('/moderation', 'Reported posts')
    await check('/notifications', 'Notifications')
    await check('/regions/london/spaces/new', 'Create a private space')
    await page.getByRole('button', { name: 'Create the space' }).click()
    await expect(page.getByRole('alert')).toContainText('Enter a name for the space')
    await expectNoSeriousAxeViolations(page, testInfo, 'new space errors')
    await check('/account', 'Your account')
    // Search: from the header's box, with results, filters and a refused filter.
    await page.getByLabel('Search the hub').fill('audits')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Search' })).toBeVisible()
    await expect(page.getByRole('link', { name: 'Which tools do you use for audits?' }).first()).toBeVisible()
    await expectNoSeriousAxeViolations(page, testInfo, 'search results')
    await check('/search', 'Search')
    await check('/search?q=audits&from=not-a-date', 'Search', 400)
    // Report page: as another member.
    await page.context().clearCookies()
    await signIn(page, 'dcs.hackney@example.org')
    await check(`/posts/${postId}/flag`, 'Report a post')
    await page.getByRole('button', { name: 'Report the post' }).click()
    await expect(page.getByRole('alert')).toContainText('Say why')
    await expectNoSeriousAxeViolations(page, testInfo, 'report errors')
  })
})
