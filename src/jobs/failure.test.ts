import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.ts';
import {
  jobErrorText,
  MAX_ERROR_CHARS,
  MIN_REDACTED_CHARS,
  REDACTED,
  retryDelayMs,
  WITHHELD,
} from './failure.ts';

describe('retryDelayMs', () => {
  it('doubles from the base and stops at the cap', () => {
    const backoff = { baseMs: 1_000, maxMs: 10_000 };
    expect([1, 2, 3, 4, 5, 6].map((a) => retryDelayMs(a, backoff))).toEqual([
      1_000, 2_000, 4_000, 8_000, 10_000, 10_000,
    ]);
    expect(retryDelayMs(10_000, backoff)).toBe(10_000);
  });
});

describe('jobErrorText', () => {
  it('keeps the code or name and the message', () => {
    expect(jobErrorText(new AppError('NOT_FOUND', 'no such advert version'), {})).toBe(
      'NOT_FOUND: no such advert version',
    );
    expect(jobErrorText(new TypeError('x is undefined'), {})).toBe('TypeError: x is undefined');
    expect(jobErrorText('a string', {})).toBe('Error: a non-Error value was thrown');
  });

  it('redacts payload values the message quotes, however deep', () => {
    const payload = { advert: { phones: ['+447700900123'], id: 123456 }, n: 1 };
    expect(
      jobErrorText(new Error('bad phone +447700900123 in advert 123456 (1 of 1)'), payload),
    ).toBe(`Error: bad phone ${REDACTED} in advert ${REDACTED} (1 of 1)`);
  });

  it('cuts long messages', () => {
    const text = jobErrorText(new Error('x'.repeat(5_000)), {});
    expect(text.length).toBe(MAX_ERROR_CHARS);
    expect(text.endsWith('…')).toBe(true);
  });

  it('withholds the message when cutting it spells out a payload value', () => {
    const head = 'a'.repeat(MAX_ERROR_CHARS - 1 - 'Error: '.length - 3);
    const text = jobErrorText(new Error(`${head}xyz and more`), { v: 'xyz…' });
    expect(text).toBe(`Error: ${WITHHELD}`);
  });

  it('never contains a payload value the message quoted', () => {
    const fixed = [REDACTED, WITHHELD, 'Error: ', 'a non-Error value was thrown', '…'].join('\n');
    const value = fc.string({ minLength: MIN_REDACTED_CHARS, maxLength: 12, unit: 'grapheme' });
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 4 }),
        fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.nat({ max: 3 })), { maxLength: 12 }),
        fc.string({ maxLength: 10 }),
        fc.boolean(),
        (values, pieces, name, long) => {
          // The message interleaves payload values (by index) with other text.
          let message = pieces.map((p) => (typeof p === 'number' ? (values[p] ?? '') : p)).join('');
          if (long) message = message.repeat(1 + Math.ceil(MAX_ERROR_CHARS / (message.length + 1)));
          const error = new Error(message);
          error.name = name;
          const text = jobErrorText(error, { values, nested: [{ v: values[0] }] });
          for (const v of values) {
            if (!fixed.includes(v)) expect(text).not.toContain(v);
          }
          expect(text.length).toBeLessThanOrEqual(MAX_ERROR_CHARS + WITHHELD.length);
        },
      ),
      { numRuns: 500 },
    );
  });
});
