import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import { randomBytes } from 'node:crypto'

/** A secret for a cookie or a link: 20 random bytes (160 bits), base32. */
export function generateToken(): string {
  return encodeBase32LowerCaseNoPadding(new Uint8Array(randomBytes(20)))
}

/** What we store instead of a token: a leaked database then holds nothing usable. */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}
