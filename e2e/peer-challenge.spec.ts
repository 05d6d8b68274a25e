import { expect, type Page } from '@playwright/test'
import { expectNoSeriousAxeViolations, signIn, test } from './support'

// Peer challenge in real Chromium against the demo hub: the North East's lead works on the
// proposed groups (lock, swap, propose again) and publishes them; Hackney's director
// records findings, actions and the letter, agrees and publishes it; Camden's director
// sees the six-month review due on the home page and records it. Every page passes axe.

test.describe.configure({ mode: 'serial' })
test.setTimeout(120_000)

/** GOV.UK buttons ignore a second click within a second: a person fixing an error is slower than that. */
const againLater = (page: Page) => page.waitForTimeout(1000)
const groupCards = (page: Page) => page.getByTestId('group')
const councilsOf = async (page: Page, n: number) => ((await groupCards(page).nth(n).getByTestId('group-councils').textContent()) ?? '').split(', ').map((s) => s.replace(' (host)', '').trim())

test('the region lead locks, swaps, proposes again and publishes the groups', async ({ page }, testInfo) => {
  await signIn(page, 'lead.north-east@example.org')
  await page.getByRole('link', { name: /North East peer challenge .*: check the proposed groups and publish them/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Groups' })).toBeVisible()
  await expect(groupCards(page)).toHaveCount(6)
  await expect(groupCards(page).first()).toContainText('Score')
  await expectNoSeriousAxeViolations(page, testInfo, 'pairing')

  await test.step('lock the first group', async () => {
    await page.getByRole('button', { name: 'Lock group 1' }).click()
    await expect(groupCards(page).first()).toContainText('Locked')
  })
  const locked = await councilsOf(page, 0)

  await test.step('swap a council of group 2 with one of group 3', async () => {
    const [a, partnerOfA] = await councilsOf(page, 1)
    const [b] = await councilsOf(page, 2)
    await page.getByLabel('Council', { exact: true }).selectOption({ label: a })
    await page.getByLabel('Swap with').selectOption({ label: b })
    await page.getByRole('button', { name: 'Swap', exact: true }).click()
    const withA = groupCards(page).filter({ hasText: a })
    await expect(withA).not.toContainText(partnerOfA)
    await expect(groupCards(page).filter({ hasText: b })).toContainText(partnerOfA)
  })

  await test.step('a refused swap explains itself', async () => {
    // A fresh page: GOV.UK buttons ignore a second click within a second.
    await page.goto(page.url())
    await page.getByLabel('Council', { exact: true }).selectOption({ label: locked[0] })
    await page.getByLabel('Swap with').selectOption({ label: (await councilsOf(page, 3))[0] })
    await page.getByRole('button', { name: 'Swap', exact: true }).click()
    await expect(page.getByRole('alert')).toContainText('locked')
    await expectNoSeriousAxeViolations(page, testInfo, 'pairing with a refused swap')
  })

  await test.step('propose again: the locked group stays', async () => {
    await page.getByRole('button', { name: /Propose again around the 1 locked group/ }).click()
    await expect(groupCards(page).filter({ hasText: 'Locked' })).toHaveCount(1)
    const again = (await groupCards(page).filter({ hasText: 'Locked' }).getByTestId('group-councils').textContent()) ?? ''
    expect(again.split(', ').sort()).toEqual([...locked].sort())
  })

  await test.step('publish', async () => {
    await page.getByRole('button', { name: 'Publish the groups' }).click()
    await expect(page.getByRole('heading', { level: 1, name: /^Peer challenge / })).toBeVisible()
    await expect(page.getByText('Groups published')).toBeVisible()
    await expect(page.getByTestId('cycle-board').getByText('Group 1').first()).toBeVisible()
    await expectNoSeriousAxeViolations(page, testInfo, 'cycle board after publishing')
  })
})

test('a director records findings, actions and the letter; the host agrees and publishes it', async ({ page }, testInfo) => {
  await signIn(page, 'dcs.hackney@example.org')
  await page.goto('/councils/hackney')
  // The newest first: this cycle's, then last cycle's.
  await page.getByRole('link', { name: /Hackney’s peer challenge/ }).first().click()
  await expect(page.getByRole('heading', { level: 1, name: 'Hackney’s peer challenge' })).toBeVisible()
  await expectNoSeriousAxeViolations(page, testInfo, 'challenge page')

  await test.step('a finding, with an error first', async () => {
    await page.getByRole('button', { name: 'Add the finding' }).click()
    await expect(page.getByRole('alert')).toContainText('Select a theme')
    await expectNoSeriousAxeViolations(page, testInfo, 'challenge page with errors')
    await page.getByLabel('Theme').selectOption({ label: 'Front door and contact' })
    await page.getByLabel('Finding').fill('Contacts from schools wait too long for a decision on Mondays.')
    await againLater(page)
    await page.getByRole('button', { name: 'Add the finding' }).click()
    await expect(page.getByTestId('findings')).toContainText('Contacts from schools wait too long')
  })

  await test.step('an agreed action with an owner and a due date', async () => {
    await page.getByLabel('Action', { exact: true }).fill('Add a second duty manager on Mondays')
    await page.getByLabel('Owner').fill('Head of the front door')
    await page.getByLabel('Due').fill('2027-06-30')
    await page.getByRole('button', { name: 'Add the action' }).click()
    await expect(page.getByTestId('actions')).toContainText('Add a second duty manager on Mondays')
    await expect(page.getByTestId('actions')).toContainText('30 June 2027')
  })

  await test.step('the letter, agreed and published to the group', async () => {
    const box = page.getByTestId('editor-report').getByRole('textbox')
    await box.click()
    await page.keyboard.type('Dear colleague, thank you for hosting us.')
    await page.getByRole('button', { name: 'Save the draft' }).click()
    await expect(page.getByRole('button', { name: 'Agree the report' })).toBeVisible()
    await page.getByRole('button', { name: 'Agree the report' }).click()
    await expect(page.getByTestId('report')).toContainText('thank you for hosting us')
    await page.getByLabel('The challenge group').check()
    await page.getByRole('button', { name: 'Publish the report' }).click()
    await expect(page.getByText(/Published by .* to the challenge group/)).toBeVisible()
    await expectNoSeriousAxeViolations(page, testInfo, 'challenge page with a published report')
  })
})

test('the six-month review shows as due and the host records it', async ({ page }, testInfo) => {
  await signIn(page, 'dcs.camden@example.org')
  await page.getByRole('link', { name: /Your council’s six-month review is due .*: rate the agreed actions/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Six-month review' })).toBeVisible()
  await expectNoSeriousAxeViolations(page, testInfo, 'review form')
  await page.getByRole('button', { name: 'Save the review' }).click()
  await expect(page.getByRole('alert')).toContainText('Choose on track, at risk, off track or done')
  await expectNoSeriousAxeViolations(page, testInfo, 'review form with errors')
  const actions = page.locator('.hub-review-action')
  await actions.nth(0).getByLabel('Done').check()
  await actions.nth(1).getByLabel('At risk').check()
  await actions.nth(1).getByLabel(/Note on action 2/).fill('The board did not meet over the summer.')
  await againLater(page)
  await page.getByRole('button', { name: 'Save the review' }).click()
  await expect(page.getByTestId('actions')).toContainText('At risk')
  await expect(page.getByText(/^Done on /)).toBeVisible()
})

test('every peer-challenge page passes axe', async ({ page }, testInfo) => {
  const check = async (path: string, heading: string | RegExp, status = 200) => {
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(status)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading)
    await expectNoSeriousAxeViolations(page, testInfo, path)
  }
  await signIn(page, 'lead.london@example.org')
  await check('/regions/london/cycles', 'Peer challenge')
  await page.getByRole('link', { name: /^\d{4} to \d{4}$/ }).last().click()
  await expect(page.getByTestId('cycle-board')).toContainText('Six-month review due')
  await expect(page.getByTestId('cycle-board')).toContainText('Six-month review overdue since')
  await expectNoSeriousAxeViolations(page, testInfo, 'last cycle’s board')
  await page.goto('/regions/london/cycles')
  await page.getByRole('link', { name: /^\d{4} to \d{4}$/ }).first().click()
  await expect(page.getByTestId('cycle-board')).toBeVisible()
  const board = new URL(page.url()).pathname
  await check(`${board}/lessons`, 'Collective lessons')
  await expect(page.getByTestId('lesson-themes')).toContainText('Placement sufficiency')
  await check(`${board}/edit`, 'Change the timetable')
  await page.getByLabel('Six-month reviews due').fill('2020-01-01')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByRole('alert')).toBeVisible()
  await expectNoSeriousAxeViolations(page, testInfo, 'timetable errors')
  await page.context().clearCookies()
  await signIn(page, 'lead.yorkshire-and-the-humber@example.org')
  await check('/regions/yorkshire-and-the-humber/cycles/new', 'Open a peer-challenge cycle')
  await page.getByLabel('Cycle year').fill('')
  await page.getByLabel('Pairs').check()
  await page.getByRole('button', { name: 'Open the cycle and propose groups' }).click()
  await expect(page.getByRole('alert')).toContainText('Enter the cycle year')
  await expectNoSeriousAxeViolations(page, testInfo, 'new cycle errors')
  await page.context().clearCookies()
  await signIn(page, 'officer.camden@example.org')
  await check('/notifications', 'Notifications')
  await expect(page.getByTestId('notifications')).toContainText('Six-month review due in two weeks')
})
