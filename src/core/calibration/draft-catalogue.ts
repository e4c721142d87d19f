// A proposal's weight changes applied to a catalogue, as the next catalogue version: a draft for
// a senior moderator to review. The draft is validated by the catalogue schema like any catalogue,
// so an approved draft can be committed to catalogue/indicators.yaml as it stands.
import type { Catalogue } from '../catalogue/catalogue-schema.ts';
import { catalogueSchema } from '../catalogue/catalogue-schema.ts';
import { AppError } from '../errors.ts';
import type { WeightChange } from './propose-weights.ts';

/** The next minor version: 1.2.0 → 1.3.0. */
export function nextMinorVersion(version: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (m === null) throw new AppError('VALIDATION', `not a semantic version: ${version}`);
  return `${m[1]}.${Number(m[2]) + 1}.0`;
}

/**
 * The catalogue with the changes applied, as version `nextMinorVersion(base.version)` released on
 * `today` (YYYY-MM-DD). Throws when a change names an indicator the catalogue lacks, or when its
 * starting weight is not the catalogue's (the proposal was made against another version).
 */
export function draftCatalogue(
  base: Catalogue,
  changes: readonly WeightChange[],
  today: string,
): Catalogue {
  const byId = new Map(changes.map((c) => [c.indicator, c]));
  for (const c of changes) {
    const ind = base.indicators.find((i) => i.id === c.indicator);
    if (ind === undefined) {
      throw new AppError('VALIDATION', `the catalogue has no indicator ${c.indicator}`);
    }
    if (ind.weight !== c.from) {
      throw new AppError(
        'CONFLICT',
        `${c.indicator} weighs ${ind.weight} in catalogue ${base.version}, not ${c.from}: ` +
          'propose again against the current catalogue',
      );
    }
  }
  const draft = {
    ...base,
    version: nextMinorVersion(base.version),
    released: today,
    indicators: base.indicators.map((i) => {
      const c = byId.get(i.id);
      return c === undefined ? i : { ...i, weight: c.to };
    }),
  };
  const checked = catalogueSchema.safeParse(draft);
  if (!checked.success) {
    throw new AppError(
      'VALIDATION',
      `the draft is not a valid catalogue: ${checked.error.message}`,
    );
  }
  return checked.data;
}
