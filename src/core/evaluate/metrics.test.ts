import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alertQuality,
  alertRates,
  averagePrecision,
  evaluationMetrics,
  partitionAgreement,
  rocAuc,
  scoreGroups,
  wilsonInterval,
} from './metrics.ts';

/** Pair counts by looking at every pair; a null label is a cluster of its own. */
function brutePairs(p: readonly (string | null)[], a: readonly (string | null)[]) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < p.length; i++) {
    for (let j = i + 1; j < p.length; j++) {
      const sameP = p[i] !== null && p[i] === p[j];
      const sameA = a[i] !== null && a[i] === a[j];
      if (sameP && sameA) tp++;
      else if (sameP) fp++;
      else if (sameA) fn++;
      else tn++;
    }
  }
  return { tp, fp, fn, tn };
}

/** ARI from the pair confusion matrix, as scikit-learn computes it (an independent formula). */
function bruteAri(p: readonly (string | null)[], a: readonly (string | null)[]): number {
  const { tp, fp, fn, tn } = brutePairs(p, a);
  if (fn === 0 && fp === 0) return 1;
  return (2 * (tp * tn - fn * fp)) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}

function bruteAuc(scores: readonly number[], labels: readonly boolean[]): number | null {
  let wins = 0;
  let pairs = 0;
  scores.forEach((s, i) => {
    if (!labels[i]) return;
    scores.forEach((t, j) => {
      if (labels[j]) return;
      pairs++;
      wins += s > t ? 1 : s === t ? 0.5 : 0;
    });
  });
  return pairs === 0 ? null : wins / pairs;
}

/** AP as the mean, over positives, of precision at that positive's score (ties included). */
function bruteAp(scores: readonly number[], labels: readonly boolean[]): number | null {
  let sum = 0;
  let positives = 0;
  scores.forEach((s, i) => {
    if (!labels[i]) return;
    positives++;
    let atOrAbove = 0;
    let posAtOrAbove = 0;
    scores.forEach((t, j) => {
      if (t >= s) {
        atOrAbove++;
        if (labels[j]) posAtOrAbove++;
      }
    });
    sum += posAtOrAbove / atOrAbove;
  });
  return positives === 0 ? null : sum / positives;
}

const labelArb = fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { nil: null, freq: 4 });
const partitionsArb = fc
  .integer({ min: 0, max: 40 })
  .chain((n) =>
    fc.tuple(
      fc.array(labelArb, { minLength: n, maxLength: n }),
      fc.array(labelArb, { minLength: n, maxLength: n }),
    ),
  );
const scoredArb = fc.integer({ min: 0, max: 40 }).chain((n) =>
  fc.tuple(
    fc.array(
      fc.integer({ min: 0, max: 6 }).map((x) => x / 2),
      { minLength: n, maxLength: n },
    ),
    fc.array(fc.boolean(), { minLength: n, maxLength: n }),
  ),
);

describe('partitionAgreement', () => {
  it('gives ARI 1 and perfect pairwise figures for identical partitions, whatever the names', () => {
    const r = partitionAgreement(['x', 'x', 'y', 'y', 'z'], ['1', '1', '2', '2', '3']);
    expect(r.adjustedRand).toBe(1);
    expect(r.precision).toBe(1);
    expect(r.recall).toBe(1);
    expect(r.f1).toBe(1);
    expect(r.predictedClusters).toBe(2);
    expect(r.actualClusters).toBe(2);
  });

  it('matches the textbook examples (scikit-learn documentation)', () => {
    // [0,0,1,2] vs [0,0,1,1]: one agreeing pair, expected 1/3, max 3/2 → (2/3)/(7/6) = 4/7.
    expect(partitionAgreement(['0', '0', '1', '2'], ['0', '0', '1', '1']).adjustedRand).toBeCloseTo(
      4 / 7,
      12,
    );
    expect(partitionAgreement(['0', '0', '1', '1'], ['0', '1', '0', '1']).adjustedRand).toBeCloseTo(
      -0.5,
      12,
    );
    // One cluster against all singletons: no information, ARI 0.
    expect(partitionAgreement(['0', '0', '0', '0'], [null, null, null, null]).adjustedRand).toBe(0);
  });

  it('counts pairs from the contingency table, treating null as a singleton', () => {
    // Predicted {1,2,3},{4}; true {1,2},{3,4}: 3 predicted pairs, 2 true pairs, 1 in both.
    const r = partitionAgreement(['A', 'A', 'A', null], ['x', 'x', 'y', 'y']);
    expect(r.pairs).toEqual({ items: 4, total: 6, predicted: 3, actual: 2, both: 1 });
    expect(r.precision).toBeCloseTo(1 / 3, 12);
    expect(r.recall).toBeCloseTo(1 / 2, 12);
    expect(r.f1).toBeCloseTo(0.4, 12);
  });

  it('has no precision without predicted pairs, and ARI 1 for all singletons on both sides', () => {
    const r = partitionAgreement([null, null, null], ['a', 'b', 'c']);
    expect(r.precision).toBeNull();
    expect(r.recall).toBeNull();
    expect(r.f1).toBeNull();
    expect(r.adjustedRand).toBe(1);
    expect(partitionAgreement([], []).adjustedRand).toBe(1);
  });

  it('rejects partitions of different lengths', () => {
    expect(() => partitionAgreement(['a'], [])).toThrow(RangeError);
  });

  it('equals a brute-force pair count (property)', () => {
    fc.assert(
      fc.property(partitionsArb, ([p, a]) => {
        const r = partitionAgreement(p, a);
        const { tp, fp, fn } = brutePairs(p, a);
        expect(r.pairs.both).toBe(tp);
        expect(r.pairs.predicted).toBe(tp + fp);
        expect(r.pairs.actual).toBe(tp + fn);
        expect(r.precision).toBe(tp + fp === 0 ? null : tp / (tp + fp));
        expect(r.recall).toBe(tp + fn === 0 ? null : tp / (tp + fn));
        expect(r.adjustedRand).toBeCloseTo(bruteAri(p, a), 10);
      }),
    );
  });

  it('is symmetric in swapping the partitions, and keeps figures in range (property)', () => {
    fc.assert(
      fc.property(partitionsArb, ([p, a]) => {
        const r = partitionAgreement(p, a);
        const s = partitionAgreement(a, p);
        expect(s.adjustedRand).toBeCloseTo(r.adjustedRand, 12);
        expect(s.precision).toBe(r.recall);
        expect(s.recall).toBe(r.precision);
        expect(r.adjustedRand).toBeGreaterThanOrEqual(-1);
        expect(r.adjustedRand).toBeLessThanOrEqual(1 + 1e-12);
        for (const x of [r.precision, r.recall, r.f1]) {
          if (x !== null) expect(x >= 0 && x <= 1).toBe(true);
        }
      }),
    );
  });
});

describe('rocAuc and averagePrecision', () => {
  it('gives AUC 1 when perfectly separated, 0 when reversed, 0.5 when all tied', () => {
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [true, true, false, false])).toBe(1);
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [true, true, false, false])).toBe(0);
    expect(rocAuc([3, 3, 3, 3], [true, false, true, false])).toBe(0.5);
    expect(averagePrecision([0.9, 0.8, 0.2, 0.1], [true, true, false, false])).toBe(1);
  });

  it('matches the scikit-learn documentation example', () => {
    const y = [false, false, true, true];
    const s = [0.1, 0.4, 0.35, 0.8];
    expect(rocAuc(s, y)).toBeCloseTo(0.75, 12);
    // Thresholds 0.8: P=1, R=1/2; 0.4: R unchanged; 0.35: P=2/3, R=1 → 1/2 + 1/2·2/3.
    expect(averagePrecision(s, y)).toBeCloseTo(5 / 6, 12);
  });

  it('takes tied scores together in average precision', () => {
    expect(averagePrecision([0.5, 0.5], [true, false])).toBe(0.5);
    // 0.9 tied pos+neg: P=1/2, R=1/2; 0.1 pos: P=2/3, R=1 → 1/4 + 1/3.
    expect(averagePrecision([0.9, 0.9, 0.1], [true, false, true])).toBeCloseTo(7 / 12, 12);
  });

  it('is undefined without both classes (AUC) or without positives (AP)', () => {
    expect(rocAuc([1, 2], [true, true])).toBeNull();
    expect(rocAuc([], [])).toBeNull();
    expect(averagePrecision([1, 2], [false, false])).toBeNull();
    expect(averagePrecision([1, 2], [true, true])).toBe(1);
  });

  it('groups distinct scores in ascending order', () => {
    expect(scoreGroups([2, 1, 2, 0], [true, false, false, true])).toEqual([
      { score: 0, positives: 1, negatives: 0 },
      { score: 1, positives: 0, negatives: 1 },
      { score: 2, positives: 1, negatives: 1 },
    ]);
    expect(() => scoreGroups([Number.NaN], [true])).toThrow(RangeError);
  });

  it('equals brute-force pair comparison (AUC) and per-positive precision (AP) (property)', () => {
    fc.assert(
      fc.property(scoredArb, ([scores, labels]) => {
        const auc = rocAuc(scores, labels);
        const brute = bruteAuc(scores, labels);
        if (brute === null) expect(auc).toBeNull();
        else {
          expect(auc).toBeCloseTo(brute, 12);
          expect(auc! >= 0 && auc! <= 1).toBe(true);
        }
        const ap = averagePrecision(scores, labels);
        const bap = bruteAp(scores, labels);
        if (bap === null) expect(ap).toBeNull();
        else {
          expect(ap).toBeCloseTo(bap, 12);
          expect(ap! > 0 && ap! <= 1 + 1e-12).toBe(true);
        }
      }),
    );
  });
});

describe('alertQuality, wilsonInterval and alertRates', () => {
  it('computes precision and recall of alerts', () => {
    const q = alertQuality([true, true, false, false, true], [true, false, true, false, true]);
    expect(q).toEqual({
      alerts: 3,
      positives: 3,
      truePositives: 2,
      precision: 2 / 3,
      recall: 2 / 3,
    });
    expect(alertQuality([false], [false])).toMatchObject({ precision: null, recall: null });
  });

  it('gives the known Wilson intervals', () => {
    const zero = wilsonInterval(0, 10)!;
    expect(zero.low).toBe(0);
    expect(zero.high).toBeCloseTo(0.2775, 4);
    const half = wilsonInterval(5, 10)!;
    expect(half.low).toBeCloseTo(0.2366, 4);
    expect(half.high).toBeCloseTo(0.7634, 4);
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('keeps the Wilson interval around the rate and inside [0, 1] (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, f) => {
          const k = Math.round(n * f);
          const ci = wilsonInterval(k, n)!;
          expect(ci.low).toBeGreaterThanOrEqual(0);
          expect(ci.high).toBeLessThanOrEqual(1);
          expect(ci.low).toBeLessThanOrEqual(k / n + 1e-12);
          expect(ci.high).toBeGreaterThanOrEqual(k / n - 1e-12);
        },
      ),
    );
  });

  it('breaks alert rates down by group and flags those above target', () => {
    const alerts = [
      ...Array<boolean>(100).fill(false),
      true,
      ...Array<boolean>(9).fill(false),
      true,
    ];
    const groups = [...Array<string>(101).fill('British'), ...Array<string>(10).fill('Romanian')];
    const r = alertRates(alerts, groups);
    expect(r.overall).toMatchObject({ count: 111, alerts: 2, target: 0.01, aboveTarget: true });
    expect(r.groups.map((g) => [g.group, g.count, g.alerts, g.aboveTarget])).toEqual([
      ['British', 101, 1, false],
      ['Romanian', 10, 1, true],
    ]);
    expect(r.groups[1]!.rate).toBeCloseTo(0.1, 12);
    expect(alertRates([], []).overall).toMatchObject({ count: 0, rate: null, aboveTarget: false });
  });
});

describe('evaluationMetrics', () => {
  it('puts every figure together, keeping only independents in the false-alert table', () => {
    const m = evaluationMetrics({
      networkId: ['n1', 'n1', null, null],
      controller: ['net', 'net', 'ind-1', 'ind-2'],
      score: [9, 8, 1, 5],
      alert: [true, true, false, true],
      exploited: [true, true, false, false],
      independentGroup: [null, null, 'British', 'not stated'],
    });
    expect(m.adverts).toBe(4);
    expect(m.networks.adjustedRand).toBe(1);
    expect(m.scores.rocAuc).toBe(1);
    expect(m.mediumOrAbove).toMatchObject({ precision: 2 / 3, recall: 1 });
    expect(m.independents.overall).toMatchObject({ count: 2, alerts: 1, rate: 0.5 });
    expect(m.independents.groups.map((g) => g.group)).toEqual(['British', 'not stated']);
  });
});
