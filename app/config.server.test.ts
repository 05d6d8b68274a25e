import { describe, expect, it } from 'vitest'
import { readConfig } from './config.server'

describe('configuration', () => {
  it('defaults to the embedded database with demo data on port 3000', () => {
    const c = readConfig({})
    expect(c).toMatchObject({ port: 3000, databaseUrl: undefined, seedDemo: true, baseUrl: 'http://localhost:3000', secureCookies: false })
  })
  it('does not seed PostgreSQL unless asked, and marks cookies Secure behind https', () => {
    const c = readConfig({ DATABASE_URL: 'postgresql://db/hub', BASE_URL: 'https://hub.example.org/' })
    expect(c).toMatchObject({ seedDemo: false, baseUrl: 'https://hub.example.org', secureCookies: true })
    expect(readConfig({ DATABASE_URL: 'postgresql://db/hub', SEED_DEMO: '1' }).seedDemo).toBe(true)
  })
  it('names the setting that is wrong', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => readConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must be a postgresql/)
  })
})
