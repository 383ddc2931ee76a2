import { hash, verify } from '@node-rs/argon2'
import { dictionary } from '@zxcvbn-ts/language-common'

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
// algorithm 2 is Argon2id (the binding exports it as a const enum, which isolated modules cannot read).
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 128

let common: Set<string> | undefined
function commonPasswords(): Set<string> {
  // zxcvbn's list of frequently used passwords; only those long enough to pass the length rule matter.
  common ??= new Set((dictionary['passwords-common'] as string[]).filter((p) => p.length >= PASSWORD_MIN))
  return common
}

/** NIST 800-63B style: length only, no composition rules, and not a commonly used password. */
export function passwordProblem(password: string, username?: string): string | undefined {
  const length = [...password].length
  if (length < PASSWORD_MIN) return `Password must be at least ${PASSWORD_MIN} characters`
  if (length > PASSWORD_MAX) return `Password must be at most ${PASSWORD_MAX} characters`
  const lower = password.toLowerCase()
  if (commonPasswords().has(lower)) return 'This password is too common; choose another'
  if (username && lower === username.toLowerCase()) return 'Password must not be the username'
  return undefined
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2)
}

// Verifying against a real hash when the user does not exist keeps the response time the same,
// so timing does not reveal which usernames exist.
let dummyHash: Promise<string> | undefined
export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  dummyHash ??= hashPassword('timing-equaliser-not-a-password')
  const target = storedHash ?? (await dummyHash)
  try {
    const ok = await verify(target, password)
    return ok && storedHash !== undefined
  } catch {
    return false
  }
}
