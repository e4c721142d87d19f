import { expect } from 'vitest';
import type { Span } from '../../src/core/extract/types.ts';

/** Asserts hits are in order, non-overlapping, non-empty, inside the text, and `raw` is their text. */
export function expectValidSpans(
  text: string,
  hits: ReadonlyArray<{ readonly span: Span; readonly raw: string }>,
): void {
  let last = 0;
  for (const h of hits) {
    expect(h.span[0]).toBeGreaterThanOrEqual(last);
    expect(h.span[1]).toBeGreaterThan(h.span[0]);
    expect(h.span[1]).toBeLessThanOrEqual(text.length);
    expect(h.raw).toBe(text.slice(h.span[0], h.span[1]));
    last = h.span[1];
  }
}
