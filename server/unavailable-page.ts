const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** A plain, self-contained page for when the hub cannot render its own (database down). */
export function unavailablePage(
  content: { title: string; body: string } = {
    title: 'Sorry, the service is unavailable',
    body: 'The Improvement Hub cannot reach its database just now. Nothing you sent has been saved. Try again in a few minutes.',
  },
) {
  return `<!doctype html><html lang="en" class="govuk-template"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(content.title)} – Improvement Hub</title><link rel="stylesheet" href="/govuk/govuk-frontend.min.css"></head>
<body class="govuk-template__body"><div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">
<h1 class="govuk-heading-l">${escape(content.title)}</h1><p class="govuk-body">${escape(content.body)}</p></main></div></body></html>`
}
