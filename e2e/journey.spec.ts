import { expect, test } from '@playwright/test'
import { expectNoSeriousAxeViolations, signIn, uniqueEmail, waitForEmail } from './support'

// The journey from the issue: a director finds their region, invites a colleague, the
// colleague accepts from the emailed link in another browser, and the director signs out.
test('a director invites an officer, who accepts and lands signed in at their council', async ({ page, browser, baseURL }, testInfo) => {
  const email = uniqueEmail('new.officer')
  const newName = 'Robin Newcomer'
  const newPassword = 'correct horse battery staple'

  await test.step('the director signs in and opens London from the navigation', async () => {
    await signIn(page, 'dcs.camden@example.org')
    const nav = page.getByRole('navigation', { name: 'Menu' })
    await nav.getByRole('link', { name: 'My region' }).click()
    await expect(page).toHaveURL(/\/regions\/london$/)
    await expect(page.getByRole('heading', { level: 1, name: 'London' })).toBeVisible()
    await expect(nav.getByRole('link', { name: 'My region' })).toHaveAttribute('aria-current', 'page')
  })

  await test.step('the region page lists its councils by type', async () => {
    await expect(page.getByText(/33 councils with children’s services/)).toBeVisible()
    const boroughs = page.getByRole('region', { name: /London borough/ })
    await expect(boroughs.getByRole('heading', { level: 2 })).toHaveText(/London borough\s*\(33\)/)
    await expect(boroughs.getByRole('listitem')).toHaveCount(33)
    await expect(boroughs.getByRole('link', { name: 'Camden', exact: true })).toHaveAttribute('href', '/councils/camden')
    // London has only London boroughs: no other type headings.
    await expect(page.getByRole('heading', { level: 2, name: /Shire county|Unitary authority|Metropolitan district/ })).toHaveCount(0)
  })

  await test.step('the director invites a colleague as an officer', async () => {
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Invite someone' }).click()
    await expect(page).toHaveURL(/\/invite$/)
    await expect(page.getByRole('heading', { level: 1, name: 'Invite someone' })).toBeVisible()
    await page.getByLabel('Email address').fill(email)
    await page.getByRole('group', { name: 'Role' }).getByLabel('Officer', { exact: true }).check()
    await page.getByRole('button', { name: 'Send invitation' }).click()
    await expect(page.getByText(`Invitation sent to ${email}`)).toBeVisible()
    await expectNoSeriousAxeViolations(page, testInfo, '/invite (invitation sent)')
  })

  const link = await test.step('the invitation email holds a one-time link', async () => {
    const message = await waitForEmail(email)
    expect(message.subject).toContain('invited you to the Improvement Hub')
    const origin = new URL(baseURL!).origin.replace(/[.]/g, '\\.')
    const found = message.body.match(new RegExp(`${origin}/invitations/[A-Za-z0-9_-]+`))
    expect(found, `an invitation link in:\n${message.body}`).not.toBeNull()
    return found![0]
  })

  const colleague = await browser.newContext()
  try {
    const page2 = await colleague.newPage()

    await test.step('the colleague opens the link in another browser and accepts', async () => {
      await page2.goto(link)
      await expect(page2.getByRole('heading', { level: 1, name: 'Accept your invitation' })).toBeVisible()
      const summary = page2.locator('.govuk-summary-list')
      await expect(summary).toContainText(email)
      await expect(summary).toContainText('Officer')
      await expect(summary).toContainText('Camden')
      await expectNoSeriousAxeViolations(page2, testInfo, '/invitations/<token>')
      await page2.getByLabel('Full name').fill(newName)
      await page2.getByLabel('Choose a password').fill(newPassword)
      await page2.getByLabel('Confirm your password').fill(newPassword)
      await page2.getByRole('button', { name: 'Create my account' }).click()
    })

    await test.step('they land on home, signed in, as a member of Camden', async () => {
      await expect(page2).toHaveURL(/\/\?welcome=1$/)
      await expect(page2.getByText('Welcome to the Improvement Hub. Your account is ready.')).toBeVisible()
      await expect(page2.getByRole('heading', { level: 1, name: `Hello, ${newName}` })).toBeVisible()
      await expect(page2.getByText('Officer', { exact: true })).toBeVisible()
      const council = page2.getByRole('heading', { level: 2, name: 'My council' }).locator('xpath=following-sibling::p[1]')
      await expect(council.getByRole('link', { name: 'Camden', exact: true })).toHaveAttribute('href', '/councils/camden')
      await expect(page2.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'My council' })).toHaveAttribute('href', '/councils/camden')
      await expectNoSeriousAxeViolations(page2, testInfo, '/?welcome=1')
    })

    await test.step('the invitation link does not work a second time', async () => {
      const again = await colleague.newPage()
      await again.goto(link)
      await expect(again.getByRole('heading', { level: 1 })).toHaveText('This invitation has already been used')
      await expect(again.getByRole('button', { name: 'Create my account' })).toHaveCount(0)
    })
  } finally {
    await colleague.close()
  }

  await test.step('the new colleague is listed at Camden for the director', async () => {
    await page.goto('/councils/camden/people')
    await expect(page.getByRole('table', { name: 'People at Camden' })).toContainText(email)
  })

  await test.step('the director signs out; the home page then asks them to sign in', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click()
    await expect(page).toHaveURL(/\/login\?signedOut=1$/)
    await expect(page.getByText('You have signed out')).toBeVisible()
    await page.goto('/')
    await expect(page).toHaveURL(/\/login$/)
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in to the Improvement Hub' })).toBeVisible()
  })
})
