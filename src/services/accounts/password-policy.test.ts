import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN_PASSWORD_LENGTH, passwordProblems } from './password-policy.ts';

describe('passwordProblems', () => {
  it('accepts long passphrases', () => {
    for (const pw of [
      'tidal-Lantern-47-orchard',
      'amber kettle under 9 moons',
      'Ünïcødé pässwörd 9',
    ]) {
      expect(passwordProblems(pw), pw).toEqual([]);
    }
  });

  it('refuses short, repetitive, common and sequential passwords', () => {
    for (const pw of [
      'short',
      'aaaaaaaaaaaaaaaa',
      'abababababababab',
      '839201748392',
      'Password123!',
      'passw0rd2024!!',
      'qwertyuiop12',
      '!!Letmein2026!!',
      'abcdefghijklmnop',
      'zyxwvutsrqponm',
      'correct horse battery staple',
    ]) {
      expect(passwordProblems(pw), pw).not.toEqual([]);
    }
  });

  it('refuses a password that contains the email name', () => {
    expect(passwordProblems('jane.doe-is-great', 'Jane.Doe@example.org')).not.toEqual([]);
    expect(passwordProblems('ab-long-passphrase', 'ab@example.org')).toEqual([]);
  });

  it('never throws, and refuses everything shorter than the minimum', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.option(fc.emailAddress()),
        (pw, email) => {
          const problems = passwordProblems(pw, email ?? undefined);
          if ([...pw].length < MIN_PASSWORD_LENGTH) expect(problems.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});
