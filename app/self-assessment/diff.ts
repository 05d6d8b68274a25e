// Comparing two revisions of a self-assessment, section by section, with a word-level
// diff of each section's text. Pure.

export type SectionSnapshot = { key: string; title: string; text: string; rating?: string | null }
export type Piece = { type: 'same' | 'added' | 'removed'; text: string }
export type SectionDiff = {
  key: string
  title: string
  change: 'added' | 'removed' | 'changed' | 'unchanged'
  ratingBefore?: string | null
  ratingAfter?: string | null
  pieces: Piece[]
}

// Beyond this many word pairs a section is shown as replaced rather than diffed word by
// word, so a hostile pair of huge texts cannot make the comparison page slow.
const MAX_CELLS = 4_000_000

const words = (text: string) => text.match(/\s+|[^\s]+/g) ?? []

/** Word-level diff (longest common subsequence), merging runs of the same kind. */
export function wordDiff(before: string, after: string): Piece[] {
  const a = words(before)
  const b = words(after)
  const out: Piece[] = []
  const push = (type: Piece['type'], text: string) => {
    const last = out.at(-1)
    if (last && last.type === type) last.text += text
    else if (text) out.push({ type, text })
  }
  // Trim the common start and end first: most edits touch a small part of a section.
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--
    endB--
  }
  push('same', a.slice(0, start).join(''))
  const midA = a.slice(start, endA)
  const midB = b.slice(start, endB)
  if ((midA.length + 1) * (midB.length + 1) > MAX_CELLS) {
    push('removed', midA.join(''))
    push('added', midB.join(''))
  } else {
    const n = midA.length
    const m = midB.length
    const lcs = new Uint32Array((n + 1) * (m + 1))
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * (m + 1) + j] = midA[i] === midB[j] ? lcs[(i + 1) * (m + 1) + j + 1] + 1 : Math.max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1])
      }
    }
    let i = 0
    let j = 0
    while (i < n && j < m) {
      if (midA[i] === midB[j]) {
        push('same', midA[i])
        i++
        j++
      } else if (lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]) {
        push('removed', midA[i++])
      } else {
        push('added', midB[j++])
      }
    }
    while (i < n) push('removed', midA[i++])
    while (j < m) push('added', midB[j++])
  }
  push('same', a.slice(endA).join(''))
  return out
}

/** Every section of either revision, in the newer revision's order, then removed ones. */
export function compareRevisions(before: SectionSnapshot[], after: SectionSnapshot[]): SectionDiff[] {
  const old = new Map(before.map((s) => [s.key, s]))
  const result: SectionDiff[] = after.map((s) => {
    const prev = old.get(s.key)
    if (!prev) return { key: s.key, title: s.title, change: 'added', ratingAfter: s.rating, pieces: s.text ? [{ type: 'added', text: s.text }] : [] }
    const same = prev.text === s.text && (prev.rating ?? null) === (s.rating ?? null)
    return {
      key: s.key,
      title: s.title,
      change: same ? 'unchanged' : 'changed',
      ratingBefore: prev.rating,
      ratingAfter: s.rating,
      pieces: same ? (s.text ? [{ type: 'same', text: s.text }] : []) : wordDiff(prev.text, s.text),
    }
  })
  const kept = new Set(after.map((s) => s.key))
  for (const s of before) {
    if (!kept.has(s.key)) result.push({ key: s.key, title: s.title, change: 'removed', ratingBefore: s.rating, pieces: s.text ? [{ type: 'removed', text: s.text }] : [] })
  }
  return result
}
