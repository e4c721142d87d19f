// What a new password must be: long enough to resist guessing (NIST SP 800-63B favours length over
// composition rules) and not one of the passwords every attacker tries first. Pure, no IO.

export const MIN_PASSWORD_LENGTH = 12;
/** Argon2 takes any length; a cap keeps one request from hashing megabytes. */
export const MAX_PASSWORD_LENGTH = 256;

// The words behind most leaked passwords; a password that is one of these with digits or symbols
// around it ("Password123!", "qwertyuiop12") is refused.
const COMMON = new Set([
  'password',
  'passw0rd',
  'p@ssw0rd',
  'qwerty',
  'qwertyuiop',
  'qwertyuiopasdfghjkl',
  'asdfghjkl',
  'azerty',
  'letmein',
  'welcome',
  'iloveyou',
  'admin',
  'administrator',
  'changeme',
  'trustno',
  'monkey',
  'dragon',
  'football',
  'baseball',
  'sunshine',
  'princess',
  'superman',
  'starwars',
  'whatever',
  'secret',
  'master',
  'beacon',
  'abc',
  'abcdef',
  'abcdefgh',
  'abcdefghijkl',
  'correcthorsebatterystaple',
]);

const SEQUENCES = [
  '0123456789012345678901234567890',
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiopasdfghjklzxcvbnm',
];

/** Every reason a password is refused; empty when it is acceptable. */
export function passwordProblems(password: string, email?: string): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    problems.push(`the password must be at least ${MIN_PASSWORD_LENGTH} characters long`);
  }
  if (length > MAX_PASSWORD_LENGTH) {
    problems.push(`the password must be at most ${MAX_PASSWORD_LENGTH} characters long`);
  }
  const lower = password.toLowerCase();
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  if (new Set(lower).size < 5) problems.push('the password repeats too few different characters');
  else if (/^\d+$/.test(password)) problems.push('the password must not be digits only');
  else if (COMMON.has(core) || COMMON.has(lower) || COMMON.has(lower.replace(/[^a-z]/g, ''))) {
    problems.push('the password is too common');
  } else if (
    SEQUENCES.some((s) => s.includes(lower) || [...s].reverse().join('').includes(lower))
  ) {
    problems.push('the password is a keyboard or alphabet sequence');
  }
  const local = email?.split('@')[0]?.toLowerCase();
  if (local !== undefined && local.length >= 4 && lower.includes(local)) {
    problems.push('the password must not contain the email address');
  }
  return problems;
}
