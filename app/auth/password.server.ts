import { hash, verify } from '@node-rs/argon2'

// argon2id with OWASP's recommended minimums (19 MiB, 2 passes, 1 lane).
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const


export function hashPassword(password: string): Promise<string> {
  return hash(password, options)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

// Verifying against a fixed hash when the account does not exist keeps the response
// time the same, so timing does not reveal which emails have accounts.
let dummyHash: Promise<string> | undefined
export async function burnPasswordCheck(password: string) {
  dummyHash ??= hashPassword('not-a-real-password-for-timing')
  await verifyPassword(await dummyHash, password)
}
