import type { RichTextDoc } from '~/rich-text/document'

// The context section starts from the council's data profile: a table of its headline
// figures, for the council to add the narrative the figures do not tell.

export type Figure = { label: string; period: string; value: number; isDemo: boolean }

const number = new Intl.NumberFormat('en-GB')
const text = (t: string) => [{ type: 'text', text: t }]
const cell = (type: 'tableHeader' | 'tableCell', t: string) => ({ type, content: [{ type: 'paragraph', content: text(t) }] })

export function headlineDataDoc(figures: Figure[]): RichTextDoc | null {
  if (!figures.length) return null
  return {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 3 }, content: text(figures.some((f) => f.isDemo) ? 'Headline data (demo figures)' : 'Headline data') },
      {
        type: 'table',
        content: [
          { type: 'tableRow', content: [cell('tableHeader', 'Measure'), cell('tableHeader', 'Year'), cell('tableHeader', 'Value')] },
          ...figures.map((f) => ({ type: 'tableRow', content: [cell('tableCell', f.label), cell('tableCell', f.period), cell('tableCell', number.format(f.value))] })),
        ],
      },
      // Somewhere to start typing the narrative, below the table.
      { type: 'paragraph' },
    ],
  }
}
