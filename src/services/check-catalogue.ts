import type { Catalogue } from '../core/catalogue/catalogue-schema.ts';
import { compileCatalogue } from '../core/catalogue/compile-catalogue.ts';
import { runCatalogueExamples, type ExampleFailure } from '../core/catalogue/run-examples.ts';
import { AppError } from '../core/errors.ts';
import {
  catalogueHash,
  loadCatalogueFile,
  readChangelog,
  readVersionLock,
  writeVersionLock,
} from '../io/catalogue-file.ts';

/** What `beacon catalogue check` found. */
export interface CatalogueCheckReport {
  readonly path: string;
  readonly version: string;
  readonly indicators: number;
  readonly byFamily: Record<string, number>;
  readonly byGrade: Record<string, number>;
  readonly examples: number;
  readonly failures: readonly ExampleFailure[];
  /** Problems with versioning: changed without a bump, or no changelog entry. */
  readonly versionProblems: readonly string[];
  /** True when this run recorded the version in the lock file. */
  readonly locked: boolean;
}

function count<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

function exampleCount(catalogue: Catalogue): number {
  return catalogue.indicators.reduce(
    (n, i) => n + i.examples.positive.length + i.examples.negative.length,
    0,
  );
}

/**
 * Validates a catalogue file, runs every example, and checks that a changed catalogue bumped its
 * version and has a changelog entry. With `lock`, records a new version's content hash.
 */
export async function checkCatalogue(
  path: string | undefined,
  options: { lock?: boolean } = {},
): Promise<CatalogueCheckReport> {
  const file = await loadCatalogueFile(path);
  const { catalogue } = file;
  let compiled;
  try {
    compiled = compileCatalogue(catalogue);
  } catch (err) {
    throw new AppError('CATALOGUE_INVALID', (err as Error).message);
  }
  const failures = runCatalogueExamples(catalogue, compiled);
  const versionProblems: string[] = [];
  const changelog = await readChangelog(file.path);
  if (
    !new RegExp(`^##\\s*\\[?${catalogue.version.replace(/\./g, '\\.')}\\]?`, 'm').test(changelog)
  ) {
    versionProblems.push(`CHANGELOG.md has no "## ${catalogue.version}" entry`);
  }
  const lock = await readVersionLock(file.path);
  const hash = catalogueHash(file.text);
  let locked = false;
  if (lock[catalogue.version] === undefined) {
    if (options.lock && failures.length === 0 && versionProblems.length === 0) {
      await writeVersionLock(file.path, { ...lock, [catalogue.version]: hash });
      locked = true;
    } else {
      versionProblems.push(
        `version ${catalogue.version} is not recorded in versions.lock.json; after adding its changelog entry run "beacon catalogue check --lock"`,
      );
    }
  } else if (lock[catalogue.version] !== hash) {
    versionProblems.push(
      `the catalogue changed but its version is still ${catalogue.version}: bump "version", add a CHANGELOG.md entry, then run "beacon catalogue check --lock"`,
    );
  }
  return {
    path: file.path,
    version: catalogue.version,
    indicators: catalogue.indicators.length,
    byFamily: count(catalogue.indicators, (i) => i.family),
    byGrade: count(catalogue.indicators, (i) => i.grade),
    examples: exampleCount(catalogue),
    failures,
    versionProblems,
    locked,
  };
}
