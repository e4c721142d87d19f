import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeQueueCursor, encodeQueueCursor } from './cursor.ts';

describe('queue cursor', () => {
  it('round-trips every position', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.uuid(), (rank, id) => {
        const decoded = decodeQueueCursor(encodeQueueCursor({ rank, id }));
        expect(decoded).toEqual({ rank: rank === 0 ? 0 : rank, id });
      }),
    );
  });

  it('refuses anything it did not give out, without throwing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const decoded = decodeQueueCursor(s);
        if (decoded !== null) expect(encodeQueueCursor(decoded)).toBe(s);
      }),
    );
    expect(decodeQueueCursor(btoa('[1,"not-a-uuid"]'))).toBeNull();
    expect(decodeQueueCursor('%%%')).toBeNull();
  });
});
