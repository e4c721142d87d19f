import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { AppError } from '../core/errors.ts';
import { evaluationMetrics, NOT_STATED, type EvaluationMetrics } from '../core/evaluate/metrics.ts';
import { LEVELS } from '../core/model/result.ts';
import { OUTPUT_FILES } from './screen-file.ts';

// Only the fields evaluation needs; other fields of the demo corpus's truth.jsonl pass unread.
const truthLineSchema = z.object({
  id: z.string().min(1),
  site: z.string().min(1).optional(),
  controller: z.string().min(1),
  kind: z.enum(['independent', 'duo', 'agency', 'exploitation-network']),
  exploited: z.boolean(),
  statedNationality: z.string().nullable(),
});

const resultLineSchema = z.object({
  id: z.string().min(1),
  site: z.string().min(1).nullable().optional(),
  score: z.number(),
  level: z.enum(LEVELS),
  networkId: z.string().min(1).nullable(),
});

/** Options of an evaluation. */
export interface EvaluateOptions {
  /** Ground truth, JSON Lines (the demo corpus's truth.jsonl). */
  readonly truthPath: string;
  /** A folder written by "beacon screen" (its adverts.jsonl is read). */
  readonly resultsDir: string;
}

/** Quality of a screening run against ground truth, with how the two files joined. */
export interface EvaluationReport {
  readonly truthPath: string;
  readonly resultsPath: string;
  /** Adverts in the truth file. */
  readonly truthAdverts: number;
  /** Result lines in the results file. */
  readonly resultAdverts: number;
  /** Adverts in both, over which every figure is computed. */
  readonly evaluated: number;
  /** Adverts in the truth but not in the results. */
  readonly missingFromResults: number;
  /** Results for adverts not in the truth. */
  readonly missingFromTruth: number;
  /** Results for an advert already matched by an earlier result line (not evaluated again). */
  readonly duplicateResults: number;
  readonly metrics: EvaluationMetrics;
}

async function requireFile(path: string): Promise<void> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new AppError('INVALID_INPUT', `${path} is not a file`);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('NOT_FOUND', `cannot read ${path}: no such file`);
  }
}

/** Each non-blank line of a file with its 1-based line number, decoded as JSON and validated. */
async function* validLines<T>(
  path: string,
  schema: z.ZodType<T>,
  what: string,
): AsyncGenerator<{ line: number; value: T }> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new AppError('INVALID_INPUT', `${path} line ${line}: not a valid ${what} line`, [
        `not JSON: ${(err as Error).message}`,
      ]);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new AppError(
        'INVALID_INPUT',
        `${path} line ${line}: not a valid ${what} line`,
        parsed.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`),
      );
    }
    yield { line, value: parsed.data };
  }
}

/** Reads ground truth and a results folder, joins them per advert and computes every figure. */
export async function evaluateResults(options: EvaluateOptions): Promise<EvaluationReport> {
  const resultsPath = join(options.resultsDir, OUTPUT_FILES.adverts);
  await requireFile(options.truthPath);
  await requireFile(resultsPath);

  // Truth, column by column; ids index it (several rows per id only across sites).
  const site: (string | undefined)[] = [];
  const controller: string[] = [];
  const exploited: boolean[] = [];
  const group: (string | null)[] = [];
  const byId = new Map<string, number | number[]>();
  const firstLine: number[] = [];
  for await (const { line, value } of validLines(options.truthPath, truthLineSchema, 'truth')) {
    const k = controller.length;
    const known = byId.get(value.id);
    const others = known === undefined ? [] : typeof known === 'number' ? [known] : known;
    const twin = others.find((o) => site[o] === value.site);
    if (twin !== undefined) {
      throw new AppError(
        'INVALID_INPUT',
        `${options.truthPath} line ${line}: advert ${value.id} appears twice (first on line ${firstLine[twin]})`,
      );
    }
    byId.set(value.id, others.length === 0 ? k : [...others, k]);
    site.push(value.site);
    controller.push(value.controller);
    exploited.push(value.exploited);
    group.push(
      value.kind !== 'independent'
        ? null
        : value.statedNationality === null || value.statedNationality.trim() === ''
          ? NOT_STATED
          : value.statedNationality,
    );
    firstLine.push(line);
  }

  const matched = new Uint8Array(controller.length);
  const columns = {
    networkId: [] as (string | null)[],
    controller: [] as string[],
    score: [] as number[],
    alert: [] as boolean[],
    exploited: [] as boolean[],
    independentGroup: [] as (string | null)[],
  };
  let resultAdverts = 0;
  let missingFromTruth = 0;
  let duplicateResults = 0;
  for await (const { value: r } of validLines(resultsPath, resultLineSchema, 'result')) {
    resultAdverts++;
    const known = byId.get(r.id);
    const candidates = known === undefined ? [] : typeof known === 'number' ? [known] : known;
    // Site must agree only when both sides name one.
    const sameAdvert = candidates.filter((k) => {
      const s = site[k];
      return s === undefined || r.site === null || r.site === undefined || s === r.site;
    });
    const k = sameAdvert.find((c) => matched[c] === 0);
    if (k === undefined) {
      if (sameAdvert.length === 0) missingFromTruth++;
      else duplicateResults++;
      continue;
    }
    matched[k] = 1;
    columns.networkId.push(r.networkId);
    columns.controller.push(controller[k]!);
    columns.score.push(r.score);
    columns.alert.push(r.level === 'medium' || r.level === 'high');
    columns.exploited.push(exploited[k]!);
    columns.independentGroup.push(group[k] ?? null);
  }

  const evaluated = columns.score.length;
  return {
    truthPath: options.truthPath,
    resultsPath,
    truthAdverts: controller.length,
    resultAdverts,
    evaluated,
    missingFromResults: controller.length - evaluated,
    missingFromTruth,
    duplicateResults,
    metrics: evaluationMetrics(columns),
  };
}
