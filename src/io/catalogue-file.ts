import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { catalogueSchema, type Catalogue } from '../core/catalogue/catalogue-schema.ts';
import { AppError } from '../core/errors.ts';

/** The catalogue that ships with Beacon. */
export const DEFAULT_CATALOGUE_PATH = fileURLToPath(
  new URL('../../catalogue/indicators.yaml', import.meta.url),
);

/** A catalogue read from disk, with the text it came from. */
export interface CatalogueFile {
  readonly path: string;
  readonly text: string;
  readonly catalogue: Catalogue;
}

/** Reads and validates a catalogue file; invalid files throw CATALOGUE_INVALID naming each problem. */
export async function loadCatalogueFile(path = DEFAULT_CATALOGUE_PATH): Promise<CatalogueFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new AppError('IO_ERROR', `cannot read catalogue ${path}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    throw new AppError('CATALOGUE_INVALID', `catalogue ${path} is not valid YAML`, [
      (err as Error).message,
    ]);
  }
  const result = catalogueSchema.safeParse(data);
  if (!result.success) {
    const indicators = (data as { indicators?: Array<{ id?: string }> })?.indicators;
    const details = result.error.issues.map((issue) => {
      const [first, index] = issue.path;
      const id =
        first === 'indicators' && typeof index === 'number' ? indicators?.[index]?.id : undefined;
      return `${issue.path.join('.')}${id ? ` (${id})` : ''}: ${issue.message}`;
    });
    throw new AppError(
      'CATALOGUE_INVALID',
      `catalogue ${path} has ${details.length} problem(s)`,
      details,
    );
  }
  return { path, text, catalogue: result.data };
}

/** Content hash of a catalogue's text, ignoring line-ending differences. */
export function catalogueHash(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex');
}

/** The lock file beside a catalogue: version → content hash of every released version. */
export function lockPathFor(cataloguePath: string): string {
  return join(dirname(cataloguePath), 'versions.lock.json');
}

/** Reads the version lock (empty when absent). */
export async function readVersionLock(cataloguePath: string): Promise<Record<string, string>> {
  try {
    return JSON.parse(await readFile(lockPathFor(cataloguePath), 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

/** Writes the version lock. */
export async function writeVersionLock(
  cataloguePath: string,
  lock: Record<string, string>,
): Promise<void> {
  await writeFile(lockPathFor(cataloguePath), `${JSON.stringify(lock, null, 2)}\n`);
}

/** Reads the changelog beside a catalogue ('' when absent). */
export async function readChangelog(cataloguePath: string): Promise<string> {
  try {
    return await readFile(join(dirname(cataloguePath), 'CHANGELOG.md'), 'utf8');
  } catch {
    return '';
  }
}
