import { renderRichText } from '~/rich-text/render.server'
import type { SectionContent } from './sections'
import { THEMES, activeEnablers, type SectionDef, type Template } from './template'

// A section's stored content made ready for a page: rich text rendered to sanitised HTML
// on the server, ratings and themes as labels. The same shape feeds the assessment page,
// the print view and the editor's "their version" panel.

export type RenderedSection = {
  key: string
  title: string
  kind: SectionDef['kind']
  guidance: string
  empty: boolean
  html?: string
  rating?: string | null
  enablers?: { key: string; title: string; rating: string | null; html: string }[]
  challenges?: { themeLabel: string | null; whatGoodLooksLike: string; supportWelcome: string }[]
}

const themeLabel = (key: string | undefined) => THEMES.find((t) => t.key === key)?.label ?? null

export function renderSection(section: SectionDef, template: Template, stored: unknown): RenderedSection {
  const content = (stored ?? {}) as SectionContent & Record<string, unknown>
  const base = { key: section.key, title: section.title, kind: section.kind, guidance: section.guidance }
  switch (section.kind) {
    case 'narrative':
    case 'journey': {
      const html = content.doc ? renderRichText(content.doc) : ''
      const rating = section.kind === 'journey' ? ((content.rating as string | undefined) ?? null) : undefined
      return { ...base, html, rating, empty: !html && !rating }
    }
    case 'enablers': {
      const given = (content.enablers ?? {}) as Record<string, { rating?: string; doc?: unknown }>
      const enablers = activeEnablers(template).map((e) => ({
        key: e.key,
        title: e.title,
        rating: given[e.key]?.rating ?? null,
        html: given[e.key]?.doc ? renderRichText(given[e.key].doc) : '',
      }))
      return { ...base, enablers, empty: enablers.every((e) => !e.rating && !e.html) }
    }
    case 'top_three': {
      const list = (Array.isArray(content.challenges) ? content.challenges : []) as { theme?: string; whatGoodLooksLike?: string; supportWelcome?: string }[]
      const challenges = list.map((c) => ({ themeLabel: themeLabel(c.theme), whatGoodLooksLike: c.whatGoodLooksLike ?? '', supportWelcome: c.supportWelcome ?? '' }))
      return { ...base, challenges, empty: challenges.every((c) => !c.themeLabel && !c.whatGoodLooksLike && !c.supportWelcome) }
    }
  }
}
