// Quality figures for a screening run against ground truth. Everything here is O(n) or
// O(n log n): pair statistics come from the contingency table, never from a loop over pairs.

/** Pair counts of two partitions of the same items, from their contingency table. */
export interface PairCounts {
  /** Items in the partitions. */
  readonly items: number;
  /** All unordered pairs of items: n(n − 1)/2. */
  readonly total: number;
  /** Pairs in the same predicted cluster. */
  readonly predicted: number;
  /** Pairs in the same true cluster. */
  readonly actual: number;
  /** Pairs in the same predicted cluster and the same true cluster. */
  readonly both: number;
}

/** How well a predicted partition matches a true one. */
export interface PartitionAgreement {
  readonly pairs: PairCounts;
  /** Share of predicted same-cluster pairs that are truly together; null with no predicted pairs. */
  readonly precision: number | null;
  /** Share of truly-together pairs that are predicted together; null with no true pairs. */
  readonly recall: number | null;
  /** Harmonic mean of pairwise precision and recall; null when either is null or both are 0. */
  readonly f1: number | null;
  /** Adjusted Rand index (Hubert & Arabie 1985): 1 identical, about 0 chance, can be negative. */
  readonly adjustedRand: number;
  /** Predicted clusters with two or more items. */
  readonly predictedClusters: number;
  /** True clusters with two or more items. */
  readonly actualClusters: number;
}

/** Number of unordered pairs among `k` items. */
export const pairsOf = (k: number): number => (k * (k - 1)) / 2;

/** Adjusted Rand index from pair counts; 1 when both partitions are trivial the same way. */
export function adjustedRandFromPairs(pairs: PairCounts): number {
  const expected = pairs.total === 0 ? 0 : (pairs.predicted * pairs.actual) / pairs.total;
  const max = (pairs.predicted + pairs.actual) / 2;
  // max = expected only when both partitions are all singletons or both one cluster: identical.
  if (max === expected) return 1;
  return (pairs.both - expected) / (max - expected);
}

function labelIds(labels: readonly (string | null)[]): { ids: Int32Array; count: number } {
  const index = new Map<string, number>();
  const ids = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label === null || label === undefined) {
      ids[i] = -1;
      continue;
    }
    let id = index.get(label);
    if (id === undefined) {
      id = index.size;
      index.set(label, id);
    }
    ids[i] = id;
  }
  return { ids, count: index.size };
}

function clusterSizes(ids: Int32Array, count: number): { pairs: number; clusters: number } {
  const sizes = new Float64Array(count);
  for (const id of ids) if (id >= 0) sizes[id]!++;
  let pairs = 0;
  let clusters = 0;
  for (const s of sizes) {
    pairs += pairsOf(s);
    if (s >= 2) clusters++;
  }
  return { pairs, clusters };
}

/**
 * Pairwise precision, recall, F1 and adjusted Rand index of `predicted` against `actual`, both
 * one label per item; a null label puts the item in a cluster of its own.
 */
export function partitionAgreement(
  predicted: readonly (string | null)[],
  actual: readonly (string | null)[],
): PartitionAgreement {
  if (predicted.length !== actual.length) {
    throw new RangeError('partitionAgreement: the partitions label different numbers of items');
  }
  const p = labelIds(predicted);
  const a = labelIds(actual);
  // One cell per (predicted, actual) label pair that occurs; the key is exact below 2^53.
  const cells = new Map<number, number>();
  for (let i = 0; i < p.ids.length; i++) {
    const pi = p.ids[i]!;
    const ai = a.ids[i]!;
    if (pi < 0 || ai < 0) continue; // a singleton shares its cell with nothing
    const key = pi * a.count + ai;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  let both = 0;
  for (const c of cells.values()) both += pairsOf(c);
  const ps = clusterSizes(p.ids, p.count);
  const as = clusterSizes(a.ids, a.count);
  const pairs: PairCounts = {
    items: predicted.length,
    total: pairsOf(predicted.length),
    predicted: ps.pairs,
    actual: as.pairs,
    both,
  };
  const precision = pairs.predicted === 0 ? null : both / pairs.predicted;
  const recall = pairs.actual === 0 ? null : both / pairs.actual;
  const f1 =
    precision === null || recall === null || precision + recall === 0
      ? null
      : (2 * precision * recall) / (precision + recall);
  return {
    pairs,
    precision,
    recall,
    f1,
    adjustedRand: adjustedRandFromPairs(pairs),
    predictedClusters: ps.clusters,
    actualClusters: as.clusters,
  };
}

/** Items sharing one score: how many are positive and how many negative. */
export interface ScoreGroup {
  readonly score: number;
  readonly positives: number;
  readonly negatives: number;
}

/** Distinct scores in ascending order with their positive and negative counts. */
export function scoreGroups(scores: readonly number[], labels: readonly boolean[]): ScoreGroup[] {
  if (scores.length !== labels.length) {
    throw new RangeError('scoreGroups: scores and labels differ in length');
  }
  let nPos = 0;
  for (const l of labels) if (l) nPos++;
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(labels.length - nPos);
  let ip = 0;
  let ineg = 0;
  for (let i = 0; i < scores.length; i++) {
    if (Number.isNaN(scores[i])) throw new RangeError(`scoreGroups: score ${i} is NaN`);
    if (labels[i]) pos[ip++] = scores[i]!;
    else neg[ineg++] = scores[i]!;
  }
  // Typed-array sort is numeric and needs no comparator: fast for millions of scores.
  pos.sort();
  neg.sort();
  const groups: ScoreGroup[] = [];
  let i = 0;
  let j = 0;
  while (i < pos.length || j < neg.length) {
    const score = Math.min(
      i < pos.length ? pos[i]! : Infinity,
      j < neg.length ? neg[j]! : Infinity,
    );
    let positives = 0;
    let negatives = 0;
    while (i < pos.length && pos[i] === score) {
      positives++;
      i++;
    }
    while (j < neg.length && neg[j] === score) {
      negatives++;
      j++;
    }
    groups.push({ score, positives, negatives });
  }
  return groups;
}

/**
 * Area under the ROC curve: the chance a random positive scores above a random negative, ties
 * counting half (Mann–Whitney U / (P·N)); null without both positives and negatives.
 */
export function rocAuc(scores: readonly number[], labels: readonly boolean[]): number | null {
  const groups = scoreGroups(scores, labels);
  let positives = 0;
  let negatives = 0;
  let u = 0;
  for (const g of groups) {
    u += g.positives * (negatives + g.negatives / 2);
    positives += g.positives;
    negatives += g.negatives;
  }
  if (positives === 0 || negatives === 0) return null;
  return u / (positives * negatives);
}

/**
 * Average precision as scikit-learn's `average_precision_score`: Σ (Rₙ − Rₙ₋₁)·Pₙ over distinct
 * score thresholds, highest first, tied scores taken together; null without positives.
 */
export function averagePrecision(
  scores: readonly number[],
  labels: readonly boolean[],
): number | null {
  const groups = scoreGroups(scores, labels);
  let positives = 0;
  for (const g of groups) positives += g.positives;
  if (positives === 0) return null;
  let tp = 0;
  let fp = 0;
  let ap = 0;
  for (let k = groups.length - 1; k >= 0; k--) {
    const g = groups[k]!;
    if (g.positives === 0) {
      fp += g.negatives;
      continue; // recall does not move: the term is 0
    }
    tp += g.positives;
    fp += g.negatives;
    ap += (g.positives / positives) * (tp / (tp + fp));
  }
  return ap;
}

/** Precision and recall of a yes/no alert as a prediction of a yes/no label. */
export interface AlertQuality {
  readonly alerts: number;
  readonly positives: number;
  readonly truePositives: number;
  /** Share of alerts that are positive; null with no alerts. */
  readonly precision: number | null;
  /** Share of positives alerted; null with no positives. */
  readonly recall: number | null;
}

/** Precision and recall of `alerts` against `labels`, item by item. */
export function alertQuality(alerts: readonly boolean[], labels: readonly boolean[]): AlertQuality {
  if (alerts.length !== labels.length) {
    throw new RangeError('alertQuality: alerts and labels differ in length');
  }
  let nAlerts = 0;
  let positives = 0;
  let truePositives = 0;
  for (let i = 0; i < alerts.length; i++) {
    const a = alerts[i]!;
    const l = labels[i]!;
    if (a) nAlerts++;
    if (l) positives++;
    if (a && l) truePositives++;
  }
  return {
    alerts: nAlerts,
    positives,
    truePositives,
    precision: nAlerts === 0 ? null : truePositives / nAlerts,
    recall: positives === 0 ? null : truePositives / positives,
  };
}

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/** Wilson score interval for `successes` out of `n`; null when n is 0. */
export function wilsonInterval(
  successes: number,
  n: number,
  z: number = Z95,
): { readonly low: number; readonly high: number } | null {
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** An alert rate with its 95% Wilson interval and whether it is above its target. */
export interface AlertRate {
  readonly count: number;
  readonly alerts: number;
  /** alerts / count; null when count is 0. */
  readonly rate: number | null;
  readonly interval: { readonly low: number; readonly high: number } | null;
  /** The target rate this one is held to. */
  readonly target: number;
  /** True when the observed rate is above the target. */
  readonly aboveTarget: boolean;
}

/** An alert rate for one group. */
export interface GroupAlertRate extends AlertRate {
  readonly group: string;
}

/** Alert rates overall and per group. */
export interface AlertRates {
  readonly overall: AlertRate;
  /** Largest groups first, then by name. */
  readonly groups: readonly GroupAlertRate[];
}

/** The project's targets for false alerts on independent advertisers. */
export const FALSE_ALERT_TARGETS = { overall: 0.01, group: 0.02 } as const;

/** Group label for an advert that states no nationality. */
export const NOT_STATED = 'not stated';

function alertRate(count: number, alerts: number, target: number): AlertRate {
  const rate = count === 0 ? null : alerts / count;
  return {
    count,
    alerts,
    rate,
    interval: wilsonInterval(alerts, count),
    target,
    aboveTarget: rate !== null && rate > target,
  };
}

/**
 * Alert rates of `alerts` overall and by `groups` (item by item), each with a 95% Wilson
 * interval and flagged when above its target.
 */
export function alertRates(
  alerts: readonly boolean[],
  groups: readonly string[],
  targets: { readonly overall: number; readonly group: number } = FALSE_ALERT_TARGETS,
): AlertRates {
  if (alerts.length !== groups.length) {
    throw new RangeError('alertRates: alerts and groups differ in length');
  }
  const byGroup = new Map<string, { count: number; alerts: number }>();
  let total = 0;
  for (let i = 0; i < alerts.length; i++) {
    const g = groups[i]!;
    let c = byGroup.get(g);
    if (!c) {
      c = { count: 0, alerts: 0 };
      byGroup.set(g, c);
    }
    c.count++;
    if (alerts[i]) {
      c.alerts++;
      total++;
    }
  }
  const rows = [...byGroup.entries()]
    .map(([group, c]) => ({ group, ...alertRate(c.count, c.alerts, targets.group) }))
    .sort((x, y) => y.count - x.count || (x.group < y.group ? -1 : x.group > y.group ? 1 : 0));
  return { overall: alertRate(alerts.length, total, targets.overall), groups: rows };
}

/** One joined advert's figures, column by column (index i is one advert in every column). */
export interface EvaluationColumns {
  /** Predicted network id, or null for an advert in no network. */
  readonly networkId: readonly (string | null)[];
  /** True controller id. */
  readonly controller: readonly string[];
  readonly score: readonly number[];
  /** True when the advert's level is medium or above. */
  readonly alert: readonly boolean[];
  readonly exploited: readonly boolean[];
  /** Nationality group of an independent advertiser's advert; null for other kinds. */
  readonly independentGroup: readonly (string | null)[];
}

/** Every quality figure of a run against ground truth. */
export interface EvaluationMetrics {
  readonly adverts: number;
  readonly networks: PartitionAgreement;
  readonly scores: {
    readonly rocAuc: number | null;
    readonly averagePrecision: number | null;
  };
  readonly mediumOrAbove: AlertQuality;
  readonly independents: AlertRates;
}

/** All quality figures for joined adverts. */
export function evaluationMetrics(columns: EvaluationColumns): EvaluationMetrics {
  const indepAlerts: boolean[] = [];
  const indepGroups: string[] = [];
  columns.independentGroup.forEach((g, i) => {
    if (g === null) return;
    indepAlerts.push(columns.alert[i]!);
    indepGroups.push(g);
  });
  return {
    adverts: columns.score.length,
    networks: partitionAgreement(columns.networkId, columns.controller),
    scores: {
      rocAuc: rocAuc(columns.score, columns.exploited),
      averagePrecision: averagePrecision(columns.score, columns.exploited),
    },
    mediumOrAbove: alertQuality(columns.alert, columns.exploited),
    independents: alertRates(indepAlerts, indepGroups),
  };
}
