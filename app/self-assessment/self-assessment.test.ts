import { describe, expect, it } from 'vitest'
import { DEFAULT_TEMPLATE, THEMES, activeEnablers, activeSections, applyTemplateChange, checkTemplate, type Template } from './template'
import { STATUSES, transition, type AssessmentEvent } from './status'
import { compareRevisions, wordDiff } from './diff'
import { checkTopThree } from './top-three'

const apply = (t: Template, ...changes: Parameters<typeof applyTemplateChange>[1][]) =>
  changes.reduce((acc, c) => {
    const r = applyTemplateChange(acc, c)
    if (!r.ok) throw new Error(r.error)
    return r.template
  }, t)

describe('the default template', () => {
  it('has the six sections and seven enablers of the design, and passes its own checks', () => {
    expect(activeSections(DEFAULT_TEMPLATE).map((s) => s.kind)).toEqual(['narrative', 'journey', 'enablers', 'narrative', 'top_three', 'narrative'])
    expect(activeEnablers(DEFAULT_TEMPLATE)).toHaveLength(7)
    expect(checkTemplate(DEFAULT_TEMPLATE)).toEqual([])
    expect(new Set(THEMES.map((t) => t.key)).size).toBe(THEMES.length)
  })
})

describe('template changes by a region lead', () => {
  it('renames, reorders, adds, retires and restores without touching keys', () => {
    const t = apply(
      DEFAULT_TEMPLATE,
      { type: 'rename_section', key: 'strengths', title: 'What we can offer' },
      { type: 'move_section', key: 'evidence', to: 0 },
      { type: 'add_section', title: 'Voice of children and families', guidance: 'What children tell us' },
      { type: 'retire_section', key: 'context' },
      { type: 'add_enabler', title: 'Use of data' },
      { type: 'retire_enabler', key: 'innovation' },
    )
    expect(t.sections[0].key).toBe('evidence')
    expect(t.sections.find((s) => s.key === 'strengths')!.title).toBe('What we can offer')
    expect(t.sections.find((s) => s.key === 'voice_of_children_and_families')).toMatchObject({ kind: 'narrative' })
    // Retired, not deleted: assessments written on the old version still find the section.
    expect(t.sections.find((s) => s.key === 'context')).toMatchObject({ retired: true })
    expect(activeSections(t).some((s) => s.key === 'context')).toBe(false)
    expect(activeEnablers(t).map((e) => e.key)).toContain('use_of_data')
    expect(activeEnablers(t).map((e) => e.key)).not.toContain('innovation')
    expect(checkTemplate(t)).toEqual([])
    const restored = apply(t, { type: 'restore_section', key: 'context' })
    expect(activeSections(restored).some((s) => s.key === 'context')).toBe(true)
    // The original is untouched (changes return a new template).
    expect(DEFAULT_TEMPLATE.sections[0].key).toBe('context')
  })

  it('never reuses a key, even of a retired section', () => {
    const t = apply(DEFAULT_TEMPLATE, { type: 'add_section', title: 'Local priorities', guidance: '' }, { type: 'retire_section', key: 'local_priorities' }, { type: 'add_section', title: 'Local priorities', guidance: '' })
    expect(t.sections.filter((s) => s.key.startsWith('local_priorities')).map((s) => s.key)).toEqual(['local_priorities', 'local_priorities_2'])
  })

  it('refuses changes that would break peer challenge or the template', () => {
    for (const [change, message] of [
      [{ type: 'retire_section', key: 'top_three' }, 'needed for peer challenge'],
      [{ type: 'retire_section', key: 'journey' }, 'needed for peer challenge'],
      [{ type: 'rename_section', key: 'nope', title: 'x' }, 'does not exist'],
      [{ type: 'rename_section', key: 'context', title: '   ' }, 'Enter a title'],
      [{ type: 'add_section', title: 'x'.repeat(121), guidance: '' }, 'Enter a title'],
      [{ type: 'move_section', key: 'context', to: 99 }, 'position does not exist'],
      [{ type: 'retire_enabler', key: 'nope' }, 'does not exist'],
    ] as const) {
      const r = applyTemplateChange(DEFAULT_TEMPLATE, change)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error).toContain(message)
    }
    let t = DEFAULT_TEMPLATE
    for (const e of DEFAULT_TEMPLATE.enablers.slice(1)) t = apply(t, { type: 'retire_enabler', key: e.key })
    const last = applyTemplateChange(t, { type: 'retire_enabler', key: DEFAULT_TEMPLATE.enablers[0].key })
    expect(last).toEqual({ ok: false, error: 'A template needs at least one enabler' })
  })

  it('checkTemplate finds duplicate keys and missing required sections', () => {
    const broken: Template = { sections: [...DEFAULT_TEMPLATE.sections, { ...DEFAULT_TEMPLATE.sections[0] }].filter((s) => s.kind !== 'journey'), enablers: [] }
    const problems = checkTemplate(broken)
    expect(problems.join('\n')).toMatch(/used twice/)
    expect(problems.join('\n')).toMatch(/“journey” section \(it has 0\)/)
    expect(problems.join('\n')).toMatch(/at least one enabler/)
  })
})

describe('status transitions', () => {
  const table: Record<string, Partial<Record<AssessmentEvent, string>>> = {
    draft: { edit: 'draft', submit_for_sign_off: 'ready_for_sign_off' },
    ready_for_sign_off: { edit: 'ready_for_sign_off', return_to_draft: 'draft', sign_off: 'signed_off' },
    signed_off: { edit: 'draft (new revision)', share: 'shared' },
    shared: { edit: 'draft (new revision)', share: 'shared', withdraw: 'signed_off' },
  }
  const events: AssessmentEvent[] = ['edit', 'submit_for_sign_off', 'return_to_draft', 'sign_off', 'share', 'withdraw']
  for (const status of STATUSES) {
    for (const event of events) {
      const expected = table[status][event]
      it(`${status} + ${event} → ${expected ?? 'refused'}`, () => {
        const r = transition(status, event)
        if (!expected) expect(r.ok).toBe(false)
        else expect(r.ok && `${r.status}${r.newRevision ? ' (new revision)' : ''}`).toBe(expected)
      })
    }
  }
})

describe('comparing revisions', () => {
  it('marks words added and removed, keeping the rest', () => {
    expect(wordDiff('We have a stable workforce', 'We have a growing and stable workforce')).toEqual([
      { type: 'same', text: 'We have a ' },
      { type: 'added', text: 'growing and ' },
      { type: 'same', text: 'stable workforce' },
    ])
    expect(wordDiff('', 'new')).toEqual([{ type: 'added', text: 'new' }])
    expect(wordDiff('same', 'same')).toEqual([{ type: 'same', text: 'same' }])
  })

  it('compares section by section: changed, unchanged, added, removed, and ratings', () => {
    const diff = compareRevisions(
      [
        { key: 'context', title: 'Context', text: 'A' },
        { key: 'journey', title: 'Journey', text: 'fair because', rating: 'fair' },
        { key: 'old', title: 'Old', text: 'gone' },
      ],
      [
        { key: 'context', title: 'Context', text: 'A' },
        { key: 'journey', title: 'Journey', text: 'fair because', rating: 'good' },
        { key: 'new', title: 'New', text: 'hello' },
      ],
    )
    expect(diff.map((d) => [d.key, d.change])).toEqual([
      ['context', 'unchanged'],
      ['journey', 'changed'],
      ['new', 'added'],
      ['old', 'removed'],
    ])
    expect(diff[1]).toMatchObject({ ratingBefore: 'fair', ratingAfter: 'good' })
  })

  it('shows huge, wholly different texts as replaced instead of diffing word by word', () => {
    const big = Array.from({ length: 5000 }, (_, i) => `w${i}`).join(' ')
    const other = Array.from({ length: 5000 }, (_, i) => `x${i}`).join(' ')
    expect(wordDiff(big, other)).toEqual([
      { type: 'removed', text: big },
      { type: 'added', text: other },
    ])
  })
})

describe('top three challenges', () => {
  const c = (theme: string) => ({ theme, whatGoodLooksLike: 'Good looks like this', supportWelcome: 'A peer visit' })
  it('accepts exactly three with different themes', () => {
    expect(checkTopThree([c('workforce'), c('placements'), c('send')]).ok).toBe(true)
  })
  it('says what is wrong, keyed like the form fields', () => {
    expect(checkTopThree([c('workforce'), c('placements')])).toEqual({ ok: false, errors: { challenges: 'Give exactly three challenges' } })
    expect(checkTopThree([c('workforce'), c('workforce'), c('send')])).toEqual({ ok: false, errors: { challenges: 'Choose a different theme for each challenge' } })
    const r = checkTopThree([c('astrology'), { ...c('placements'), whatGoodLooksLike: ' ' }, c('send')])
    expect(r).toEqual({ ok: false, errors: { 'challenges[0].theme': 'Select a theme from the list', 'challenges[1].whatGoodLooksLike': 'Enter what good would look like' } })
    expect(checkTopThree('nonsense').ok).toBe(false)
  })
})

describe('cycle year', () => {
  it('starts in September', async () => {
    const { currentCycleYear, cycleLabel } = await import('./cycle')
    expect(currentCycleYear(new Date('2026-08-31T23:00:00Z'))).toBe(2025)
    expect(currentCycleYear(new Date('2026-09-01T00:00:00Z'))).toBe(2026)
    expect(currentCycleYear(new Date('2027-03-01T00:00:00Z'))).toBe(2026)
    expect(cycleLabel(2026)).toBe('2026 to 2027')
  })
})
