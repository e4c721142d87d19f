import type { NetworkCounts } from '../services/analyse-file.ts';
import type { ScreenSummary } from '../core/screen/summary.ts';
import { LEVELS } from '../core/model/result.ts';
import { fmt } from './output.ts';

const pct = (n: number, d: number) => (d === 0 ? '0.0' : ((100 * n) / d).toFixed(1));

/** Prints a screening summary: counts by level, top indicators, rejected lines. */
export function printScreenSummary(summary: ScreenSummary, seconds: number): void {
  const n = summary.screened;
  console.log(
    `Screened ${fmt(n)} adverts in ${seconds.toFixed(1)} s (${fmt(Math.round(n / Math.max(seconds, 1e-3)))}/s), catalogue ${summary.catalogueVersion}; rejected ${fmt(summary.rejected)} lines.`,
  );
  console.log('\nLevel     adverts      %');
  for (const level of LEVELS) {
    console.log(
      `${level.padEnd(8)} ${fmt(summary.byLevel[level]).padStart(8)} ${pct(summary.byLevel[level], n).padStart(6)}`,
    );
  }
  const top = Object.entries(summary.byIndicator)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10);
  if (top.length > 0) {
    console.log('\nMost frequent indicators');
    for (const [id, count] of top)
      console.log(`  ${id.padEnd(40)} ${fmt(count).padStart(8)} ${pct(count, n).padStart(6)}%`);
  }
  if (summary.firstRejected.length > 0) {
    console.log('\nRejected lines (first few)');
    for (const r of summary.firstRejected.slice(0, 10)) {
      console.log(
        `  line ${r.line}: ${r.errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ')}`,
      );
    }
  }
}

/** Prints what linkage found: networks by level, the largest, and hubs not used to join. */
export function printNetworkCounts(counts: NetworkCounts): void {
  console.log(
    `\nNetworks: ${fmt(counts.networks)} (${fmt(counts.networkedAdverts)} adverts, largest ${fmt(counts.largest)}; ${fmt(counts.edges)} links)`,
  );
  console.log('Level     networks');
  for (const level of LEVELS) {
    console.log(`${level.padEnd(8)} ${fmt(counts.byLevel[level]).padStart(9)}`);
  }
  if (counts.hubs.length > 0) {
    console.log(
      `\nHubs (shared by too many accounts to be one controller; shown, not used to join): ${fmt(counts.hubs.length)}`,
    );
    for (const h of counts.hubs.slice(0, 5)) {
      console.log(
        `  ${h.type} ${h.value}: ${fmt(h.adverts)} adverts, ${fmt(h.accounts)}+ accounts`,
      );
    }
  }
}
