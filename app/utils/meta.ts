/** Page titles follow GOV.UK's pattern: "Page – Service"; forms with errors start with "Error: ". */
export const pageTitle = (title: string, hasError = false) => [{ title: `${hasError ? 'Error: ' : ''}${title} – Improvement Hub` }]
