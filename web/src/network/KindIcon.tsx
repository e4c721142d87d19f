// A small drawing of a node kind's shape and colour, for the legend and the tables.
import { KIND_STYLES } from './kinds.ts';
import type { NodeKind } from './types.ts';

/** The shape of `kind` in its colour; decorative (the kind is always named next to it). */
export function KindIcon({ kind, size = 16 }: { kind: NodeKind; size?: number }) {
  const s = KIND_STYLES[kind];
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {s.svg === 'circle' ? (
        <circle cx="12" cy="12" r="10" fill={s.colour} />
      ) : s.svg === 'rounded' ? (
        <rect x="2" y="5" width="20" height="14" rx="4" fill={s.colour} />
      ) : (
        <polygon points={s.svg} fill={s.colour} />
      )}
    </svg>
  );
}
