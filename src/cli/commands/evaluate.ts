import { Command } from 'commander';
import { FALSE_ALERT_TARGETS, type AlertRate } from '../../core/evaluate/metrics.ts';
import { evaluateResults, type EvaluationReport } from '../../services/evaluate-results.ts';
import { fmt } from '../output.ts';

const num = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(2)}%`);

function rateRow(label: string, r: AlertRate): string {
  const ci = r.interval
    ? `${(100 * r.interval.low).toFixed(2)}–${(100 * r.interval.high).toFixed(2)}%`
    : 'n/a';
  return (
    `  ${label.padEnd(22)} ${fmt(r.count).padStart(9)} ${fmt(r.alerts).padStart(7)} ` +
    `${pct(r.rate).padStart(8)}  ${ci.padEnd(15)} ${r.aboveTarget ? 'ABOVE TARGET' : ''}`
  ).trimEnd();
}

function printEvaluation(report: EvaluationReport): void {
  const m = report.metrics;
  const line = (label: string, value: string, note = '') =>
    console.log(`  ${label.padEnd(28)} ${value.padStart(9)}${note ? `  ${note}` : ''}`);
  console.log(
    `Evaluated ${fmt(report.evaluated)} adverts (truth ${fmt(report.truthAdverts)}, results ` +
      `${fmt(report.resultAdverts)}; ${fmt(report.missingFromResults)} in truth only, ` +
      `${fmt(report.missingFromTruth)} in results only, ${fmt(report.duplicateResults)} duplicate results).`,
  );
  console.log(
    'Note: figures on the synthetic demo corpus are not evidence of accuracy on real adverts.',
  );

  console.log('\nNetworks against true controllers');
  line('predicted networks (≥2 ads)', fmt(m.networks.predictedClusters));
  line('true controllers (≥2 ads)', fmt(m.networks.actualClusters));
  line('pairwise precision', num(m.networks.precision));
  line('pairwise recall', num(m.networks.recall));
  line('pairwise F1', num(m.networks.f1));
  line('adjusted Rand index', num(m.networks.adjustedRand));

  console.log('\nScores against the exploited label');
  line('ROC-AUC', num(m.scores.rocAuc));
  line('average precision', num(m.scores.averagePrecision));
  const q = m.mediumOrAbove;
  line(
    'medium+ precision',
    num(q.precision),
    `(${fmt(q.truePositives)} of ${fmt(q.alerts)} alerts)`,
  );
  line(
    'medium+ recall',
    num(q.recall),
    `(${fmt(q.truePositives)} of ${fmt(q.positives)} exploited)`,
  );

  const ind = m.independents;
  console.log(
    `\nFalse alerts on independent advertisers (medium+; targets ≤ ${pct(ind.overall.target)} ` +
      `overall, ≤ ${pct(FALSE_ALERT_TARGETS.group)} per nationality)`,
  );
  console.log(
    `  ${'stated nationality'.padEnd(22)} ${'adverts'.padStart(9)} ${'alerts'.padStart(7)} ${'rate'.padStart(8)}  95% CI`,
  );
  console.log(rateRow('all independents', ind.overall));
  for (const g of ind.groups) console.log(rateRow(g.group, g));
}

/** `beacon evaluate --truth <file> --results <dir>`: quality of a run against ground truth. */
export function evaluateCommand(): Command {
  return new Command('evaluate')
    .description(
      "Compare a screening run with ground truth (e.g. the demo corpus's truth.jsonl): pairwise " +
        'precision/recall/F1 and adjusted Rand index of networks against true controllers, ' +
        'ROC-AUC and average precision of scores, precision/recall of medium+, and false alerts ' +
        'on independent advertisers by stated nationality. See docs/evaluate.md.',
    )
    .requiredOption('--truth <file>', 'ground truth, JSON Lines (one line per advert)')
    .requiredOption('--results <dir>', 'a folder written by "beacon screen"')
    .option('--json', 'print the report as JSON instead of text')
    .action(async (opts: { truth: string; results: string; json?: boolean }) => {
      const report = await evaluateResults({ truthPath: opts.truth, resultsDir: opts.results });
      if (opts.json) console.log(JSON.stringify(report, null, 2));
      else printEvaluation(report);
    });
}
