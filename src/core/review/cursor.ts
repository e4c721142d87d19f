// The review queue's keyset cursor: the (rank, id) of the last item of a page, as an opaque
// base64url string. Decoding checks the shape, so a cursor this API did not give out is refused
// instead of reaching the store.

/** A position in the queue. */
export interface QueueCursor {
  readonly rank: number;
  readonly id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function toBase64Url(text: string): string {
  return btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  return atob(text.replaceAll('-', '+').replaceAll('_', '/'));
}

/** The cursor for a position. */
export function encodeQueueCursor(cursor: QueueCursor): string {
  return toBase64Url(JSON.stringify([cursor.rank, cursor.id]));
}

/** The position in a cursor, or null when the text is not a cursor this API gives out. */
export function decodeQueueCursor(text: string): QueueCursor | null {
  try {
    const value: unknown = JSON.parse(fromBase64Url(text));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'number' &&
      Number.isFinite(value[0]) &&
      typeof value[1] === 'string' &&
      UUID.test(value[1])
    ) {
      return { rank: value[0], id: value[1] };
    }
  } catch {
    // fall through: not a cursor
  }
  return null;
}
