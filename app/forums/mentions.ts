// @mentions are written as "@" and the person's full name, which works the same in the
// editor and in the plain textarea without JavaScript. The server finds them in the
// post's text and notifies those people, if they may read the space.

const WORD = /[\p{L}\p{N}'’.-]+/gu
const MAX_WORDS = 5

const normalise = (name: string) => name.toLocaleLowerCase('en-GB').replace(/[’]/g, "'").replace(/\s+/g, ' ').trim()

/** The names that might follow each "@" in the text: the next one to five words. Lower case. */
export function mentionCandidates(text: string): string[] {
  return [...new Set(candidatesPerMention(text).flat())]
}

/** For each "@" in the text, the names that might follow it, shortest first. */
function candidatesPerMention(text: string): string[][] {
  const all: string[][] = []
  for (const at of text.matchAll(/(^|[^\p{L}\p{N}@])@(?=\p{L})/gu)) {
    const rest = text.slice((at.index ?? 0) + at[0].length, (at.index ?? 0) + at[0].length + 200)
    const words: string[] = []
    for (const w of rest.matchAll(WORD)) {
      // Words must follow one another, separated by single spaces.
      const before = rest.slice(words.length ? (words.join(' ').length) : 0, w.index)
      if (words.length && before !== ' ') break
      if (!words.length && w.index !== 0) break
      words.push(w[0])
      if (words.length >= MAX_WORDS) break
    }
    const names: string[] = []
    for (let n = 1; n <= words.length; n++) {
      const name = normalise(words.slice(0, n).join(' ').replace(/[.'’-]+$/, ''))
      if (name && !names.includes(name)) names.push(name)
    }
    all.push(names)
  }
  return all
}

/** The ids of the people the text mentions: "@" then their full name, the longest match winning. */
export function findMentions(text: string, people: readonly { id: string; name: string }[]): string[] {
  const byName = new Map<string, string[]>()
  for (const p of people) byName.set(normalise(p.name), [...(byName.get(normalise(p.name)) ?? []), p.id])
  const ids = new Set<string>()
  for (const names of candidatesPerMention(text)) {
    const longest = names.findLast((n) => byName.has(n))
    for (const id of longest ? byName.get(longest)! : []) ids.add(id)
  }
  return [...ids]
}
