import { describe, expect, it } from 'vitest'
import { findMentions, mentionCandidates } from './mentions'

describe('mentions', () => {
  const people = [
    { id: 'a', name: 'Priya Patel' },
    { id: 'b', name: 'Priya' },
    { id: 'c', name: "Kwame O'Neill" },
    { id: 'd', name: 'Jo Reid' },
  ]
  it('finds a full name after @, at the start, mid-sentence and before punctuation', () => {
    expect(findMentions('@Priya Patel could you share this?', people)).toEqual(['a'])
    expect(findMentions("Thanks @kwame o'neill.", people)).toEqual(['c'])
    expect(findMentions('Ask @Jo Reid, she led it', people)).toEqual(['d'])
  })
  it('a shorter name that is also someone counts only when written', () => {
    expect(findMentions('@Priya Patel and @Priya', people).sort()).toEqual(['a', 'b'])
  })
  it('ignores email addresses and a bare @', () => {
    expect(findMentions('mail jo.reid@example.org or @ Jo Reid', people)).toEqual([])
  })
  it('bounds the words it considers', () => {
    expect(mentionCandidates('@A B C D E F G')).toEqual(['a', 'a b', 'a b c', 'a b c d', 'a b c d e'])
  })
})
