import { expect, type BrowserContext, type Page, type TestInfo } from '@playwright/test'
import { axeSource, expectNoSeriousAxeViolations, settle, signIn, test, waitForEmail } from './support'

// Every page of the hub, checked with axe (WCAG 2.0/2.1/2.2 A and AA rules). Serious and
// critical violations fail the test; minor and moderate ones are printed.

type PageCheck = { path: string; title: string | RegExp; heading: string | RegExp; status?: number }

async function visitAndCheck(page: Page, check: PageCheck, testInfo: TestInfo) {
  const response = await page.goto(check.path)
  expect(response?.status(), `HTTP status of ${check.path}`).toBe(check.status ?? 200)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(check.heading)
  await expect(page).toHaveTitle(check.title)
  await expectNoSeriousAxeViolations(page, testInfo, check.path)
}

/**
 * One browser page for all the tests of a describe block (signed in as `email`, if given):
 * a fresh context per test costs about a second on a small machine. Tests still run on
 * after a failure (Playwright restarts the worker and runs beforeAll again).
 */
function sharedPage(email?: string): () => Page {
  let context: BrowserContext | undefined
  let page: Page | undefined
  test.beforeAll(async ({ browser }) => {
    context = await browser.newContext()
    await context.addInitScript({ content: axeSource })
    page = await context.newPage()
    if (email) await signIn(page, email)
  })
  test.afterAll(async () => {
    await context?.close()
  })
  return () => page!
}

test.describe('signed out', () => {
  const pages: PageCheck[] = [
    { path: '/login', title: 'Sign in – Improvement Hub', heading: 'Sign in to the Improvement Hub' },
    { path: '/login?signedOut=1', title: 'Sign in – Improvement Hub', heading: 'Sign in to the Improvement Hub' },
    { path: '/forgot-password', title: /^Reset your password/, heading: 'Reset your password' },
    { path: '/accessibility', title: /^Accessibility statement/, heading: 'Accessibility statement for the Improvement Hub' },
    { path: '/cookies', title: /^Cookies/, heading: 'Cookies' },
    { path: '/invitations/not-a-real-token', title: /^Accept your invitation/, heading: 'This invitation link is not valid' },
    { path: '/reset-password/not-a-real-token', title: /^Choose a new password/, heading: 'This link has expired or has already been used' },
    { path: '/no-such-page', title: /^Page not found/, heading: 'Page not found', status: 404 },
  ]
  const shared = sharedPage()
  for (const check of pages) {
    test(`axe: ${check.path}`, async ({}, testInfo) => {
      await visitAndCheck(shared(), check, testInfo)
    })
  }

  test('axe: /login with validation errors', async ({ page }, testInfo) => {
    await page.goto('/login')
    await page.getByRole('button', { name: 'Sign in' }).click()
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' })
    await expect(summary).toBeVisible()
    await expect(summary.getByRole('link', { name: 'Enter your email address' })).toHaveAttribute('href', '#email')
    await expect(page.locator('#email-error')).toContainText('Enter your email address')
    await expect(page.locator('#password-error')).toContainText('Enter your password')
    await expect(page).toHaveTitle(/^Error: /)
    await expectNoSeriousAxeViolations(page, testInfo, '/login (errors)')
  })

  test('axe: /forgot-password with validation errors, then sent, then the reset page', async ({ page }, testInfo) => {
    await page.goto('/forgot-password')
    await page.getByRole('button', { name: 'Send the link' }).click()
    await expect(page.locator('#email-error')).toContainText('Enter your email address')
    await expectNoSeriousAxeViolations(page, testInfo, '/forgot-password (errors)')

    // A fresh page: govuk-frontend's button ignores a second click within a second of the first.
    await page.goto('/forgot-password')
    await page.getByLabel('Email address').fill('member.camden@example.org')
    await page.getByRole('button', { name: 'Send the link' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible()
    await expectNoSeriousAxeViolations(page, testInfo, '/forgot-password (sent)')

    // The real reset page (the password is not changed: only its validation is shown).
    const message = await waitForEmail('member.camden@example.org')
    const link = message.body.match(/https?:\/\/[^\s/]+\/reset-password\/[A-Za-z0-9_-]+/)
    expect(link, `a reset link in:\n${message.body}`).not.toBeNull()
    await page.goto(link![0])
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose a new password')
    await expectNoSeriousAxeViolations(page, testInfo, '/reset-password/<token>')
    await page.getByRole('button', { name: 'Change password' }).click()
    await expect(page.locator('#password-error')).toBeVisible()
    await expectNoSeriousAxeViolations(page, testInfo, '/reset-password/<token> (errors)')
  })

  test('keyboard: skip link first, then the sign-in form with the keyboard only', async ({ page }) => {
    await page.goto('/login')
    await settle(page)

    await page.keyboard.press('Tab')
    const skip = page.getByRole('link', { name: 'Skip to main content' })
    await expect(skip).toBeFocused()
    await expect(skip).toBeInViewport()
    await page.keyboard.press('Enter')

    // From main content, the next stop is the first field of the form.
    await page.keyboard.press('Tab')
    await expect(page.getByLabel('Email address')).toBeFocused()
    await page.keyboard.type('dcs.camden@example.org')
    await page.keyboard.press('Tab')
    await expect(page.getByLabel('Password', { exact: true })).toBeFocused()
    await page.keyboard.type('demo-password')
    await page.keyboard.press('Tab')
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeFocused()
    await page.keyboard.press('Enter')

    // (The #main-content fragment from the skip link may stay on the address.)
    await expect(page).toHaveURL((url) => url.pathname === '/')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Hello, /)
  })
})

test.describe('signed in as a director (dcs.camden)', () => {
  const shared = sharedPage('dcs.camden@example.org')

  const pages: PageCheck[] = [
    { path: '/', title: 'Home – Improvement Hub', heading: /^Hello, / },
    { path: '/regions', title: /^Regions/, heading: 'Regions' },
    { path: '/regions/london', title: /^London/, heading: 'London' },
    { path: '/regions/london/people', title: /^People in London/, heading: 'People' },
    { path: '/councils/camden', title: /^Camden/, heading: 'Camden' },
    { path: '/councils/camden/people', title: /^People at Camden/, heading: 'People' },
    { path: '/invite', title: /^Invite someone/, heading: 'Invite someone' },
    { path: '/account', title: /^Your account/, heading: /Your account/ },
    { path: '/councils/gateshead/people', title: /^You do not have access/, heading: 'You do not have access to this page', status: 403 },
    { path: '/councils/no-such-council', title: /^Page not found/, heading: 'Page not found', status: 404 },
  ]
  for (const check of pages) {
    test(`axe: ${check.path}`, async ({}, testInfo) => {
      await visitAndCheck(shared(), check, testInfo)
    })
  }

  test('axe: /invite with validation errors', async ({}, testInfo) => {
    const page = shared()
    await page.goto('/invite')
    await page.getByRole('button', { name: 'Send invitation' }).click()
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' })
    await expect(summary).toBeVisible()
    await expect(summary.getByRole('link', { name: 'Enter an email address' })).toHaveAttribute('href', '#email')
    await expect(summary.getByRole('link', { name: 'Select a role' })).toHaveAttribute('href', '#role')
    await expect(page.locator('#role-error')).toContainText('Select a role')
    await expect(page).toHaveTitle(/^Error: /)
    await expectNoSeriousAxeViolations(page, testInfo, '/invite (errors)')
  })
})

test.describe('signed in as a national administrator', () => {
  const shared = sharedPage('admin@example.org')

  test('axe: /invite (every role, council and region choices)', async ({}, testInfo) => {
    const page = shared()
    await visitAndCheck(page, { path: '/invite', title: /^Invite someone/, heading: 'Invite someone' }, testInfo)
    await expect(page.getByRole('group', { name: 'Role' }).getByRole('radio')).toHaveCount(5)
    await expect(page.getByRole('combobox', { name: 'Council' })).toBeVisible()
    await expect(page.getByRole('combobox', { name: 'Region' })).toBeVisible()
  })

  test('axe: / with no council', async ({}, testInfo) => {
    const page = shared()
    await visitAndCheck(page, { path: '/', title: 'Home – Improvement Hub', heading: /^Hello, / }, testInfo)
  })
})

/** The id of a council's self-assessment for the current cycle, from its list page. */
async function currentAssessmentPath(page: Page, council: string): Promise<string> {
  await page.goto(`/councils/${council}/assessments`)
  const href = await page.getByRole('table').getByRole('link').first().getAttribute('href')
  expect(href).toMatch(/^\/assessments\/[a-z0-9]+$/)
  return href!
}

test.describe('self-assessment pages, as Camden’s officer (who writes)', () => {
  const shared = sharedPage('officer.camden@example.org')
  let camden = ''
  test.beforeAll(async () => {
    camden = await currentAssessmentPath(shared(), 'camden')
  })

  test('axe: the list, the region board and the assessment (a draft revision with threads)', async ({}, testInfo) => {
    const page = shared()
    await visitAndCheck(page, { path: '/councils/camden/assessments', title: /^Self-assessments – Camden/, heading: 'Self-assessments' }, testInfo)
    await visitAndCheck(page, { path: '/regions/london/assessments', title: /^Self-assessments – London/, heading: /^Self-assessments \d{4} to \d{4}$/ }, testInfo)
    await visitAndCheck(page, { path: camden, title: /^Camden self-assessment/, heading: /^Self-assessment \d{4} to \d{4}$/ }, testInfo)
    await expect(page.getByRole('heading', { name: 'Who has seen this' })).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Challenge and comments' }).first()).toBeVisible()
  })

  for (const [key, heading] of [
    ['context', 'Context and headline data'],
    ['journey', 'Where we are on our improvement journey'],
    ['enablers', 'The seven enablers of improvement'],
    ['top_three', 'Our top three challenges'],
  ] as const) {
    test(`axe: the editor of “${heading}”`, async ({}, testInfo) => {
      const page = shared()
      await page.goto(`${camden}/sections/${key}`)
      if (key !== 'top_three') await expect(page.getByRole('textbox').first()).toBeVisible()
      await visitAndCheck(page, { path: `${camden}/sections/${key}`, title: `Edit: ${heading} – Improvement Hub`, heading }, testInfo)
    })
  }

  test('axe: compare revisions and the print view', async ({}, testInfo) => {
    const page = shared()
    await visitAndCheck(page, { path: `${camden}/compare`, title: /^Compare revisions – Camden/, heading: 'Compare revisions' }, testInfo)
    await expect(page.locator('ins, del').first()).toBeVisible()
    await visitAndCheck(page, { path: `${camden}/print`, title: /\(print\)/, heading: /^Self-assessment \d{4} to \d{4}$/ }, testInfo)
    await page.emulateMedia({ media: 'print' })
    await expect(page.getByRole('navigation', { name: 'Menu' })).toBeHidden()
    await page.emulateMedia({ media: 'screen' })
  })
})

test.describe('self-assessment pages, as a reader from another council (dcs.hackney)', () => {
  const shared = sharedPage('dcs.hackney@example.org')

  test('axe: Camden’s shared assessment, and a comment sent empty', async ({}, testInfo) => {
    const page = shared()
    await page.goto('/regions/london/assessments')
    await page.getByRole('link', { name: 'Camden', exact: true }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Self-assessment \d{4} to \d{4}$/)
    await expectNoSeriousAxeViolations(page, testInfo, 'shared assessment (reader)')
    const section = page.locator('#section-context')
    await section.getByText('Ask a challenge question').click()
    await section.getByRole('button', { name: 'Post' }).click()
    await expect(page.locator('#section-context').getByText('Enter your comment')).toBeVisible()
    await expectNoSeriousAxeViolations(page, testInfo, 'shared assessment (comment error)')
  })

  test('axe: a draft of another council is not found', async ({}, testInfo) => {
    const page = shared()
    await page.goto('/regions/london/assessments')
    await expect(page.getByRole('link', { name: 'Croydon', exact: true })).toHaveCount(0)
    await visitAndCheck(page, { path: '/assessments/not-an-assessment', title: /^Page not found/, heading: 'Page not found', status: 404 }, testInfo)
  })
})

test.describe('self-assessment pages, as the London region lead', () => {
  const shared = sharedPage('lead.london@example.org')

  test('axe: the region’s template, and a change refused', async ({}, testInfo) => {
    const page = shared()
    await visitAndCheck(page, { path: '/regions/london/template', title: /^Self-assessment template – London/, heading: /^Self-assessment template \d{4} to \d{4}$/ }, testInfo)
    await page.getByRole('link', { name: /^Prepare the/ }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Self-assessment template \d{4} to \d{4}$/)
    await page.getByRole('button', { name: 'Add section' }).click()
    await expect(page.getByRole('alert')).toContainText('Enter a title')
    await expectNoSeriousAxeViolations(page, testInfo, 'template (error)')
  })
})
