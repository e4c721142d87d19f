// A 95% interval drawn as a small inline bar: the track is 0–100%, the filled part the interval,
// the tick the estimate. It is decoration: the same figures are always written next to it.

const WIDTH = 120;
const HEIGHT = 14;

/** The bar for an interval of a proportion (0–1), with its estimate when there is one. */
export function IntervalBar({
  low,
  high,
  estimate,
  tone = 'neutral',
}: {
  low: number;
  high: number;
  estimate: number | null;
  tone?: 'neutral' | 'flagged';
}) {
  const x = (v: number) => Math.min(WIDTH, Math.max(0, v * WIDTH));
  return (
    <svg
      className={`interval-bar ${tone}`}
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      aria-hidden="true"
      focusable="false"
    >
      <rect className="track" x={0} y={5} width={WIDTH} height={4} rx={2} />
      <line className="half" x1={WIDTH / 2} x2={WIDTH / 2} y1={2} y2={12} />
      <rect
        className="range"
        x={x(low)}
        y={3}
        width={Math.max(2, x(high) - x(low))}
        height={8}
        rx={2}
      />
      {estimate !== null && (
        <line className="estimate" x1={x(estimate)} x2={x(estimate)} y1={0} y2={HEIGHT} />
      )}
    </svg>
  );
}
