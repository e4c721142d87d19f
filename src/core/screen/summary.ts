import type { FieldError } from '../advert/parse-advert.ts';
import type { AdvertFeatures } from '../model/features.ts';
import { LEVELS, type AdvertResult, type Family, type Level } from '../model/result.ts';

/** An advert kept for the report: its result and the text its evidence points into. */
export interface TopAdvert {
  readonly result: AdvertResult;
  readonly title: string;
  readonly text: string;
  readonly name: string | null;
  readonly age: number | null;
  readonly town: string | null;
}

/** A rejected input line, as reported on screen and in summary.json. */
export interface RejectedLine {
  readonly line: number;
  readonly errors: readonly FieldError[];
}

/** Counts of a screening run, kept in bounded memory however many adverts pass through. */
export interface ScreenSummary {
  catalogueVersion: string;
  screened: number;
  rejected: number;
  byLevel: Record<Level, number>;
  byFamily: Partial<Record<Family, number>>;
  byIndicator: Record<string, number>;
  byLanguage: Record<string, number>;
  /** Highest-scoring adverts, best first. */
  top: TopAdvert[];
  /** The first rejected lines (all are in rejected.jsonl). */
  firstRejected: RejectedLine[];
}

/** Most adverts kept for the report, and most rejected lines kept in the summary. */
export const TOP_ADVERTS = 50;
export const FIRST_REJECTED = 20;

/** A new, empty summary. */
export function emptySummary(catalogueVersion: string): ScreenSummary {
  return {
    catalogueVersion,
    screened: 0,
    rejected: 0,
    byLevel: Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>,
    byFamily: {},
    byIndicator: {},
    byLanguage: {},
    top: [],
    firstRejected: [],
  };
}

const levelRank = (l: Level) => LEVELS.indexOf(l);
const ranksAbove = (a: AdvertResult, b: AdvertResult) =>
  levelRank(a.level) - levelRank(b.level) || a.score - b.score;

/** What the summary needs of an advert besides its result. */
export interface SummaryFacts {
  readonly language: string;
  readonly title: string;
  readonly text: string;
  readonly name: string | null;
  readonly age: number | null;
  readonly town: string | null;
}

/** The summary facts of an advert's features. */
export function summaryFacts(f: AdvertFeatures): SummaryFacts {
  return {
    language: f.language.code,
    title: f.title,
    text: f.text,
    name: f.advert.name ?? null,
    age: f.age,
    town: f.town,
  };
}

/** Adds one screened advert to the summary (mutates it: this runs once per advert). */
export function addToSummary(
  summary: ScreenSummary,
  result: AdvertResult,
  facts: SummaryFacts,
): void {
  const language = facts.language;
  summary.screened++;
  summary.byLevel[result.level]++;
  const families = new Set<Family>();
  for (const r of result.reasons) {
    summary.byIndicator[r.indicator] = (summary.byIndicator[r.indicator] ?? 0) + 1;
    if (r.weight > 0) families.add(r.family);
  }
  for (const fam of families) summary.byFamily[fam] = (summary.byFamily[fam] ?? 0) + 1;
  summary.byLanguage[language] = (summary.byLanguage[language] ?? 0) + 1;
  if (result.score <= 0) return;
  const top = summary.top;
  const last = top[top.length - 1];
  if (top.length >= TOP_ADVERTS && last && ranksAbove(result, last.result) <= 0) return;
  const { title, text, name, age, town } = facts;
  const entry: TopAdvert = { result, title, text, name, age, town };
  let i = top.length;
  while (i > 0 && ranksAbove(result, top[i - 1]!.result) > 0) i--;
  top.splice(i, 0, entry);
  if (top.length > TOP_ADVERTS) top.pop();
}

/** Counts one rejected line, keeping the first few for display. */
export function addRejected(summary: ScreenSummary, rejected: RejectedLine): void {
  summary.rejected++;
  if (summary.firstRejected.length < FIRST_REJECTED) summary.firstRejected.push(rejected);
}
