import { describe, expect, it } from 'vitest'
import { safeRedirect } from './current-user.server'
import { generateToken, hashToken } from './tokens.server'

describe('safeRedirect', () => {
  it('keeps paths on this site and refuses everything else', () => {
    expect(safeRedirect('/regions/london?x=1')).toBe('/regions/london?x=1')
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '', null, undefined]) {
      expect(safeRedirect(bad)).toBe('/')
    }
  })
})

describe('tokens', () => {
  it('are 160-bit base32 secrets, stored only as their SHA-256', () => {
    const a = generateToken()
    expect(a).toMatch(/^[a-z2-7]{32}$/)
    expect(generateToken()).not.toBe(a)
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/)
    expect(hashToken(a)).toBe(hashToken(a))
  })
})
