// What the account use cases share: Argon2id hashing of passwords and keys, random tokens, the
// SHA-256 a session is stored under, and turning input problems into INVALID_INPUT.
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Algorithm, Options } from '@node-rs/argon2';
import type { z } from 'zod';
import { AppError } from '../../core/errors.ts';

/**
 * Argon2id with OWASP's first recommended setting: 19 MiB of memory, 2 passes, 1 lane. The
 * package's Algorithm enum is a const enum, which verbatimModuleSyntax cannot read: 2 is Argon2id.
 */
export const ARGON2_OPTIONS: Options = {
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/** The Argon2id PHC string of a password, recovery code or API key. */
export function hashSecret(secret: string): Promise<string> {
  return hash(secret, ARGON2_OPTIONS);
}

/** Whether `secret` matches the PHC string; a malformed hash is a mismatch, not a crash. */
export async function verifySecret(phc: string, secret: string): Promise<boolean> {
  try {
    return await verify(phc, secret);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Spends the time a real verification would, for an account that does not exist, so the answer's
 * timing does not tell who has an account.
 */
export async function verifyDummy(secret: string): Promise<void> {
  dummy ??= hashSecret(randomToken(16));
  await verifySecret(await dummy, secret);
}

/** `bytes` random bytes as base64url. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 of a token, hex: what the store keeps instead of the token. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** `length` random characters from a lower-case base32 alphabet (5 bits each). */
export function randomBase32(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += BASE32[b & 31];
  return out;
}

/** Parses input with a zod schema, or throws INVALID_INPUT naming every problem. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new AppError(
    'INVALID_INPUT',
    `invalid ${what}`,
    parsed.error.issues.map((i) =>
      i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message,
    ),
  );
}

/** Whether a database error is a unique-constraint violation (drizzle wraps the driver's). */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e !== undefined && e !== null; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
    if (e === (e as { cause?: unknown }).cause) break;
  }
  return false;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string is a UUID (so a bad id is "not found" rather than a database error). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
