import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.ts';
import { evaluateResults } from './evaluate-results.ts';

const jsonl = (rows: readonly object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

function truth(
  id: string,
  controller: string,
  kind: string,
  statedNationality: string | null,
  extra: object = {},
) {
  return {
    id,
    site: 'demo-site',
    controller,
    kind,
    exploited: kind === 'exploitation-network',
    persona: `${controller}/p1`,
    statedNationality,
    touring: false,
    privacyObfuscation: false,
    ...extra,
  };
}

function result(id: string, score: number, level: string, networkId: string | null) {
  return { id, site: 'demo-site', score, level, networkId, catalogueVersion: '1.1.0', reasons: [] };
}

async function fixture(truthRows: readonly object[], resultRows: readonly object[] | string) {
  const dir = await mkdtemp(join(tmpdir(), 'beacon-evaluate-'));
  const truthPath = join(dir, 'truth.jsonl');
  const resultsDir = join(dir, 'out');
  await mkdir(resultsDir);
  await writeFile(truthPath, jsonl(truthRows));
  await writeFile(
    join(resultsDir, 'adverts.jsonl'),
    typeof resultRows === 'string' ? resultRows : jsonl(resultRows),
  );
  return { dir, truthPath, resultsDir };
}

async function appError(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('evaluateResults', () => {
  it('joins truth and results and computes every figure', async () => {
    const { truthPath, resultsDir } = await fixture(
      [
        truth('ad-1', 'net-1', 'exploitation-network', 'Romanian'),
        truth('ad-2', 'net-1', 'exploitation-network', null),
        truth('ad-3', 'ind-1', 'independent', 'British'),
        truth('ad-4', 'ind-2', 'independent', null),
        truth('ad-5', 'ind-3', 'independent', null),
        truth('ad-6', 'agency-1', 'agency', 'Polish'),
        truth('ad-7', 'ind-4', 'independent', 'British'), // no result
      ],
      [
        result('ad-1', 9, 'high', 'net-a'),
        result('ad-2', 7, 'medium', 'net-a'),
        result('ad-3', 1, 'low', null),
        result('ad-4', 5, 'medium', null),
        result('ad-5', 0, 'none', null),
        result('ad-6', 2, 'low', null),
        result('ad-99', 3, 'low', null), // not in truth
        result('ad-1', 9, 'high', 'net-a'), // duplicate
      ],
    );
    const r = await evaluateResults({ truthPath, resultsDir });
    expect(r).toMatchObject({
      truthAdverts: 7,
      resultAdverts: 8,
      evaluated: 6,
      missingFromResults: 1,
      missingFromTruth: 1,
      duplicateResults: 1,
    });
    const m = r.metrics;
    expect(m.adverts).toBe(6);
    expect(m.networks).toMatchObject({
      precision: 1,
      recall: 1,
      f1: 1,
      adjustedRand: 1,
      predictedClusters: 1,
      actualClusters: 1,
    });
    expect(m.scores.rocAuc).toBe(1);
    expect(m.scores.averagePrecision).toBe(1);
    expect(m.mediumOrAbove).toMatchObject({
      alerts: 3,
      positives: 2,
      truePositives: 2,
      precision: 2 / 3,
      recall: 1,
    });
    expect(m.independents.overall).toMatchObject({ count: 3, alerts: 1, aboveTarget: true });
    expect(m.independents.groups.map((g) => [g.group, g.count, g.alerts, g.aboveTarget])).toEqual([
      ['not stated', 2, 1, true],
      ['British', 1, 0, false],
    ]);
  });

  it('joins on site when both sides name one, and on id alone otherwise', async () => {
    const { truthPath, resultsDir } = await fixture(
      [
        {
          id: 'x',
          site: 'a',
          controller: 'c1',
          kind: 'independent',
          exploited: false,
          statedNationality: null,
        },
        {
          id: 'x',
          site: 'b',
          controller: 'c2',
          kind: 'agency',
          exploited: false,
          statedNationality: null,
        },
        {
          id: 'y',
          controller: 'c3',
          kind: 'independent',
          exploited: true,
          statedNationality: null,
        },
      ],
      [
        { ...result('x', 1, 'none', null), site: 'b' },
        { ...result('x', 1, 'none', null), site: 'c' },
        { ...result('y', 1, 'none', null), site: 'anything' },
      ],
    );
    const r = await evaluateResults({ truthPath, resultsDir });
    expect(r).toMatchObject({ evaluated: 2, missingFromResults: 1, missingFromTruth: 1 });
    // Only the site-b advert (an agency's) and y (an independent's) were joined.
    expect(r.metrics.independents.overall.count).toBe(1);
  });

  it('rejects an invalid truth line with its line number', async () => {
    const { truthPath, resultsDir } = await fixture(
      [truth('ad-1', 'c', 'independent', null), { id: 'ad-2', controller: 'c', kind: 'solo' }],
      [],
    );
    const err = await appError(evaluateResults({ truthPath, resultsDir }));
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toMatch(/line 2: not a valid truth line/);
    expect(err.details.join('\n')).toMatch(/kind/);
    expect(err.details.join('\n')).toMatch(/exploited/);
  });

  it('rejects a result line that is not JSON, and a duplicate truth advert', async () => {
    const bad = await fixture([truth('ad-1', 'c', 'independent', null)], '\n{broken\n');
    const err = await appError(evaluateResults(bad));
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toMatch(/adverts\.jsonl line 2: not a valid result line/);

    const twice = await fixture(
      [truth('ad-1', 'c', 'independent', null), truth('ad-1', 'd', 'independent', null)],
      [],
    );
    expect((await appError(evaluateResults(twice))).message).toMatch(
      /line 2: advert ad-1 appears twice \(first on line 1\)/,
    );
  });

  it('names a missing truth file or results folder (NOT_FOUND)', async () => {
    const { dir, truthPath, resultsDir } = await fixture([], []);
    const noTruth = await appError(
      evaluateResults({ truthPath: join(dir, 'nope.jsonl'), resultsDir }),
    );
    expect(noTruth.code).toBe('NOT_FOUND');
    expect(noTruth.message).toContain(join(dir, 'nope.jsonl'));
    const noResults = await appError(evaluateResults({ truthPath, resultsDir: join(dir, 'none') }));
    expect(noResults.code).toBe('NOT_FOUND');
    expect(noResults.message).toContain(join(dir, 'none', 'adverts.jsonl'));
  });
});
