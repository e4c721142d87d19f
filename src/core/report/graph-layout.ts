/** A node's position in the drawing. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

const ITERATIONS = 200;
const GRAVITY = 0.05;

/**
 * Positions for `n` nodes joined by `pairs` (node indices) inside a `width`×`height` box less
 * `margin`: a Fruchterman–Reingold force layout started from a circle. Deterministic: no
 * randomness, so the same network always draws the same way. Quadratic in `n`: keep it small.
 */
export function forceLayout(
  n: number,
  pairs: ReadonlyArray<readonly [number, number]>,
  width: number,
  height: number,
  margin: number,
): Point[] {
  const cx = width / 2;
  const cy = height / 2;
  if (n <= 0) return [];
  if (n === 1) return [{ x: cx, y: cy }];
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const r = Math.min(width, height) / 2 - margin;
  for (let i = 0; i < n; i++) {
    const angle = (2 * Math.PI * i) / n - Math.PI / 2;
    x[i] = cx + r * Math.cos(angle);
    y[i] = cy + r * Math.sin(angle);
  }
  const springs = pairs.filter(([a, b]) => a !== b && a >= 0 && b >= 0 && a < n && b < n);
  const k = Math.sqrt(((width - 2 * margin) * (height - 2 * margin)) / n);
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  let t = width / 10;
  for (let iter = 0; iter < ITERATIONS; iter++) {
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ux = (x[i] ?? 0) - (x[j] ?? 0);
        let uy = (y[i] ?? 0) - (y[j] ?? 0);
        let d = Math.hypot(ux, uy);
        if (d < 0.01) {
          // Coincident nodes: push apart along a direction fixed by their indices.
          ux = Math.cos(i * 7 + j * 13);
          uy = Math.sin(i * 7 + j * 13);
          d = 0.01;
        } else {
          ux /= d;
          uy /= d;
        }
        const f = (k * k) / d;
        dx[i] = (dx[i] ?? 0) + ux * f;
        dy[i] = (dy[i] ?? 0) + uy * f;
        dx[j] = (dx[j] ?? 0) - ux * f;
        dy[j] = (dy[j] ?? 0) - uy * f;
      }
    }
    for (const [a, b] of springs) {
      const ux = (x[a] ?? 0) - (x[b] ?? 0);
      const uy = (y[a] ?? 0) - (y[b] ?? 0);
      const d = Math.max(0.01, Math.hypot(ux, uy));
      const f = d / k;
      dx[a] = (dx[a] ?? 0) - ux * f;
      dy[a] = (dy[a] ?? 0) - uy * f;
      dx[b] = (dx[b] ?? 0) + ux * f;
      dy[b] = (dy[b] ?? 0) + uy * f;
    }
    for (let i = 0; i < n; i++) {
      // Gravity keeps nodes with no drawn edge from drifting off.
      const gx = (dx[i] ?? 0) - ((x[i] ?? 0) - cx) * GRAVITY * k;
      const gy = (dy[i] ?? 0) - ((y[i] ?? 0) - cy) * GRAVITY * k;
      const len = Math.hypot(gx, gy);
      if (len > 0) {
        const step = Math.min(len, t) / len;
        // Held inside the frame, as Fruchterman and Reingold do, so a node with no drawn edge
        // cannot fly off and shrink everything else when the drawing is fitted to the box.
        x[i] = Math.min(width - margin, Math.max(margin, (x[i] ?? 0) + gx * step));
        y[i] = Math.min(height - margin, Math.max(margin, (y[i] ?? 0) + gy * step));
      }
    }
    t = Math.max(0.5, t * 0.97);
  }
  // Fit the result into the box, one scale for both axes so distances keep their meaning.
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, x[i] ?? 0);
    maxX = Math.max(maxX, x[i] ?? 0);
    minY = Math.min(minY, y[i] ?? 0);
    maxY = Math.max(maxY, y[i] ?? 0);
  }
  const spanX = Math.max(maxX - minX, 1e-9);
  const spanY = Math.max(maxY - minY, 1e-9);
  const scale = Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY);
  const offX = (width - spanX * scale) / 2;
  const offY = (height - spanY * scale) / 2;
  return Array.from({ length: n }, (_, i) => ({
    x: offX + ((x[i] ?? 0) - minX) * scale,
    y: offY + ((y[i] ?? 0) - minY) * scale,
  }));
}
