import type { AdvertFeatures } from '../screen/features.ts';
import { ADVERT_CHECK_FNS } from '../screen/advert-checks.ts';
import { GROUP_CHECK_FNS, type GroupFinding } from '../screen/group-checks.ts';
import type { Evidence, Family } from '../screen/types.ts';
import type { Catalogue, IndicatorSpec } from './catalogue-schema.ts';

/** Most pieces of evidence kept per indicator per advert, so results stay small. */
export const MAX_EVIDENCE = 8;

interface IndicatorMeta {
  readonly id: string;
  readonly family: Family;
  readonly weight: number;
  readonly biasRisk: boolean;
}

/** An indicator that looks at one advert. */
export interface AdvertDetector extends IndicatorMeta {
  detect(f: AdvertFeatures): readonly Evidence[] | null;
}

/** An indicator that looks at a group of adverts. */
export interface GroupDetector extends IndicatorMeta {
  detect(adverts: readonly AdvertFeatures[]): GroupFinding[];
}

/** A catalogue ready to run: detectors compiled once, thresholds and metadata at hand. */
export interface CompiledCatalogue {
  readonly version: string;
  readonly levels: Catalogue['levels'];
  readonly advertDetectors: readonly AdvertDetector[];
  readonly groupDetectors: readonly GroupDetector[];
  readonly byId: ReadonlyMap<string, IndicatorSpec>;
}

function compileRegex(patterns: readonly string[], id: string): RegExp {
  try {
    return new RegExp(patterns.map((p) => `(?:${p})`).join('|'), 'gi');
  } catch (err) {
    throw new Error(`indicator ${id}: invalid pattern: ${(err as Error).message}`);
  }
}

function matches(re: RegExp, s: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (s === '') return out;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

function phraseDetector(
  patterns: readonly string[],
  unless: readonly string[] | undefined,
  id: string,
) {
  const re = compileRegex(patterns, id);
  const unlessRe = unless && unless.length > 0 ? compileRegex(unless, id) : null;
  return (f: AdvertFeatures): Evidence[] | null => {
    const evidence: Evidence[] = [];
    for (const field of ['title', 'text'] as const) {
      const s = f[field];
      const hits = matches(re, s);
      if (hits.length === 0) continue;
      const vetoes = unlessRe ? matches(unlessRe, s) : [];
      for (const [a, b] of hits) {
        if (vetoes.some(([c, d]) => a < d && c < b)) continue;
        if (evidence.length < MAX_EVIDENCE) {
          evidence.push({ kind: 'text', field, span: [a, b], excerpt: s.slice(a, b) });
        }
      }
    }
    return evidence.length > 0 ? evidence : null;
  };
}

/** Compiles a validated catalogue into detectors (regular expressions built once). */
export function compileCatalogue(catalogue: Catalogue): CompiledCatalogue {
  const advertDetectors: AdvertDetector[] = [];
  const groupDetectors: GroupDetector[] = [];
  for (const ind of catalogue.indicators) {
    const meta = { id: ind.id, family: ind.family, weight: ind.weight, biasRisk: ind.biasRisk };
    const d = ind.detect;
    const params = d.type === 'phrases' ? {} : (d.params ?? {});
    if (d.type === 'phrases') {
      advertDetectors.push({ ...meta, detect: phraseDetector(d.patterns, d.unless, ind.id) });
    } else if (d.type === 'advert') {
      const fn = ADVERT_CHECK_FNS[d.check];
      advertDetectors.push({ ...meta, detect: (f) => fn(f, params) });
    } else {
      const fn = GROUP_CHECK_FNS[d.check];
      groupDetectors.push({ ...meta, detect: (adverts) => fn(adverts, params) });
    }
  }
  return {
    version: catalogue.version,
    levels: catalogue.levels,
    advertDetectors,
    groupDetectors,
    byId: new Map(catalogue.indicators.map((i) => [i.id, i])),
  };
}
