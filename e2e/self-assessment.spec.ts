import { expect, type Page } from '@playwright/test'
import { expectNoSeriousAxeViolations, signIn, test } from './support'

// The self-assessment journey from the issue, in real Chromium against a real hub:
// Barnet's director writes with autosave (surviving a closed tab and a lost connection),
// meets a concurrent edit, signs off and shares with the region; Bexley's director reads
// it and challenges a section, which appears live for Barnet; Barnet withdraws and
// Bexley's open page loses access at once. Barnet has no demo assessment for the cycle.

test.describe.configure({ mode: 'serial' })
test.setTimeout(180_000)

const editor = (page: Page, name = 'doc') => page.getByTestId(`editor-${name}`).getByRole('textbox')
const saveStatus = (page: Page) => page.getByTestId('save-status')

async function writeIn(page: Page, text: string, name = 'doc') {
  const box = editor(page, name)
  await box.click()
  await page.keyboard.press('ControlOrMeta+End')
  await page.keyboard.type(text)
}

async function openSection(page: Page, assessmentUrl: string, title: string) {
  await page.goto(assessmentUrl)
  await page.getByRole('link', { name: `Edit ${title}` }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
}

test('a self-assessment is written, signed off, shared, challenged live and withdrawn', async ({ page, browser }, testInfo) => {
  let assessmentUrl = ''

  await test.step('Barnet’s director starts this cycle’s self-assessment', async () => {
    await signIn(page, 'dcs.barnet@example.org')
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Self-assessment' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Self-assessments' })).toBeVisible()
    await expectNoSeriousAxeViolations(page, testInfo, 'council self-assessments')
    await page.getByRole('button', { name: /Start the .* self-assessment/ }).click()
    await expect(page.getByRole('heading', { level: 1, name: /^Self-assessment \d{4} to \d{4}$/ })).toBeVisible()
    assessmentUrl = new URL(page.url()).pathname
    await expectNoSeriousAxeViolations(page, testInfo, 'new self-assessment')
  })

  await test.step('writing autosaves, and survives a reload', async () => {
    await openSection(page, assessmentUrl, 'Context and headline data')
    await writeIn(page, 'Barnet has a growing child population.')
    await expect(saveStatus(page)).toHaveText(/Saved at/, { timeout: 10_000 })
    await expectNoSeriousAxeViolations(page, testInfo, 'section editor')
    await page.reload()
    await expect(editor(page)).toContainText('Barnet has a growing child population.')
  })

  await test.step('closing the tab straight after typing loses nothing', async () => {
    await writeIn(page, ' Typed just before closing.')
    // No time for the debounced save: the page goes at once.
    await page.close({ runBeforeUnload: true })
    page = await page.context().newPage()
    await page.goto(assessmentUrl)
    await page.getByRole('link', { name: 'Edit Context and headline data' }).click()
    await expect(editor(page)).toContainText('Typed just before closing.')
    await page.goto(assessmentUrl)
    await expect(page.locator('#section-context')).toContainText('Typed just before closing.')
  })

  await test.step('losing the connection keeps the draft and saves it on return', async () => {
    await openSection(page, assessmentUrl, 'Context and headline data')
    await page.context().setOffline(true)
    await writeIn(page, ' Written while offline.')
    await expect(saveStatus(page)).toHaveText(/no connection/, { timeout: 10_000 })
    await page.context().setOffline(false)
    await expect(saveStatus(page)).toHaveText(/Saved at/, { timeout: 15_000 })

    // Offline again, and the tab is closed: the draft is kept in the browser (and may also
    // leave with the page's last request); either way it is there on the next visit.
    await page.context().setOffline(true)
    await writeIn(page, ' Closed while offline.')
    await expect(saveStatus(page)).toHaveText(/no connection/, { timeout: 10_000 })
    await page.close()
    page = await page.context().newPage()
    await page.context().setOffline(false)
    await page.goto(assessmentUrl)
    // The browser kept the draft (it leaves storage only once the server has it).
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('hub:draft:')).map((k) => localStorage.getItem(k) ?? ''))
    expect(kept.join()).toContain('Closed while offline.')
    await page.getByRole('link', { name: 'Edit Context and headline data' }).click()
    await expect(editor(page)).toContainText('Closed while offline.')
    await expect(saveStatus(page)).toHaveText(/Saved at|Changes save automatically/, { timeout: 10_000 })
    await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('hub:draft:')).length)).toBe(0)
    await expect(saveStatus(page)).not.toHaveText(/Not saved|no connection/)
    await page.goto(assessmentUrl)
    await expect(page.locator('#section-context')).toContainText('Written while offline. Closed while offline.')
  })

  await test.step('two people editing one section: the second save asks, nothing is overwritten', async () => {
    const other = await browser.newContext()
    const colleague = await other.newPage()
    await signIn(colleague, 'dcs.barnet@example.org')
    await openSection(page, assessmentUrl, 'Strengths we can offer others')
    await openSection(colleague, assessmentUrl, 'Strengths we can offer others')
    await writeIn(colleague, 'Our edge-of-care service.')
    await expect(saveStatus(colleague)).toHaveText(/Saved at/, { timeout: 10_000 })
    await writeIn(page, 'Our family hubs.')
    const conflict = page.getByTestId('conflict')
    await expect(conflict).toBeVisible({ timeout: 10_000 })
    await expect(conflict).toContainText('Our edge-of-care service.')
    await expectNoSeriousAxeViolations(page, testInfo, 'editor with a conflict')
    await conflict.getByRole('button', { name: 'Keep my version' }).click()
    await expect(saveStatus(page)).toHaveText(/Saved at/, { timeout: 10_000 })
    await other.close()
    await page.goto(assessmentUrl)
    await expect(page.locator('#section-strengths')).toContainText('Our family hubs.')
  })

  await test.step('the rest of the sections are filled in', async () => {
    await openSection(page, assessmentUrl, 'Where we are on our improvement journey')
    await page.getByRole('group', { name: 'Where are you on your improvement journey?' }).getByLabel('Good').check()
    await writeIn(page, 'Inspection and audits show steady improvement.')
    await page.getByRole('button', { name: 'Save and return' }).click()
    await expect(page).toHaveURL(new RegExp(`${assessmentUrl}#section-journey$`))

    await openSection(page, assessmentUrl, 'The seven enablers of improvement')
    const enablers = page.locator('section.hub-enabler')
    await expect(enablers).toHaveCount(7)
    for (let i = 0; i < 7; i++) {
      const enabler = enablers.nth(i)
      await enabler.getByLabel('Fair').check()
      await enabler.getByRole('textbox').click()
      await page.keyboard.type(`Evidence ${i + 1}.`)
    }
    await expectNoSeriousAxeViolations(page, testInfo, 'enablers editor')
    await page.getByRole('button', { name: 'Save and return' }).click()
    await expect(page).toHaveURL(/#section-enablers$/)

    await openSection(page, assessmentUrl, 'Our top three challenges')
    const themes = ['Workforce', 'Placement sufficiency', 'Early help']
    for (let i = 0; i < 3; i++) {
      const challenge = page.getByRole('group', { name: `Challenge ${i + 1}` })
      await challenge.getByLabel('Theme').selectOption({ label: themes[i] })
      await challenge.getByLabel('What good would look like').fill(`Good looks like ${i + 1}`)
      await challenge.getByLabel('Support we would welcome').fill(`Support ${i + 1}`)
    }
    await expectNoSeriousAxeViolations(page, testInfo, 'top three editor')
    await page.getByRole('button', { name: 'Save and return' }).click()
    await expect(page).toHaveURL(/#section-top_three$/)

    await openSection(page, assessmentUrl, 'Evidence and lines of enquiry for our challengers')
    await writeIn(page, 'Look at our case audits.')
    await page.getByRole('button', { name: 'Save and return' }).click()
    await expect(page.locator('#section-evidence')).toContainText('Look at our case audits.')
  })

  await test.step('sent for sign-off, signed off and shared with the region', async () => {
    await page.getByRole('button', { name: 'Send for sign-off' }).click()
    await expect(page.getByText('Sent for sign-off.')).toBeVisible()
    await page.getByRole('button', { name: 'Sign off' }).click()
    await expect(page.getByText('Signed off. You can now share it.')).toBeVisible()
    await page.getByRole('group', { name: 'Share it with' }).getByLabel('The whole region').check()
    await page.getByRole('button', { name: 'Share', exact: true }).click()
    await expect(page.getByText(/^Shared\./)).toBeVisible()
    await expectNoSeriousAxeViolations(page, testInfo, 'shared self-assessment (owner)')
  })

  const bexleyContext = await browser.newContext()
  const bexley = await bexleyContext.newPage()

  await test.step('Bexley’s director finds it on the region board and reads it', async () => {
    await signIn(bexley, 'dcs.bexley@example.org')
    await bexley.goto('/regions/london/assessments')
    await expectNoSeriousAxeViolations(bexley, testInfo, 'region board')
    await bexley.getByRole('link', { name: 'Barnet', exact: true }).click()
    await expect(bexley).toHaveURL(new RegExp(`${assessmentUrl}$`))
    await expect(bexley.locator('#section-evidence')).toContainText('Look at our case audits.')
    await expect(bexley.getByRole('link', { name: /^Edit/ })).toHaveCount(0)
    await expectNoSeriousAxeViolations(bexley, testInfo, 'shared self-assessment (reader)')
  })

  await test.step('Bexley’s challenge appears live on Barnet’s open page', async () => {
    await page.goto(assessmentUrl)
    await expect(page.getByRole('heading', { name: 'Who has seen this' })).toBeVisible()
    await expect(page.getByRole('cell', { name: 'Bexley' })).toBeVisible()
    const topThree = bexley.locator('#section-top_three')
    await topThree.getByText('Ask a challenge question').click()
    await topThree.getByLabel(/Your question or comment/).fill('How will you know the workforce plan is working?')
    await topThree.getByRole('button', { name: 'Post' }).click()
    await expect(bexley.getByTestId('threads-top_three')).toContainText('How will you know the workforce plan is working?')
    // Barnet did not reload: the comment arrives through the assessment's room.
    await expect(page.getByTestId('threads-top_three')).toContainText('How will you know the workforce plan is working?', { timeout: 10_000 })
    const reply = page.getByTestId('threads-top_three').getByLabel('Reply')
    await reply.fill('Agency use below 10% by March.')
    await page.getByRole('button', { name: 'Reply', exact: true }).click()
    await expect(bexley.getByTestId('threads-top_three')).toContainText('Agency use below 10% by March.', { timeout: 10_000 })
  })

  await test.step('withdrawing ends Bexley’s access at once', async () => {
    await page.getByRole('button', { name: 'Withdraw sharing' }).click()
    await expect(page.getByText(/^Sharing withdrawn/)).toBeVisible()
    await expect(bexley.getByRole('heading', { level: 1 })).toHaveText('Page not found', { timeout: 10_000 })
    const response = await bexley.goto(assessmentUrl)
    expect(response?.status()).toBe(404)
  })

  await bexleyContext.close()
})
