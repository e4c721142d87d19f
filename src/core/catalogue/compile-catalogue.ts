import type { AdvertFeatures } from '../model/features.ts';
import { ADVERT_CHECK_FNS } from './advert-checks.ts';
import { GROUP_CHECK_FNS, type GroupFinding, type GroupLinks } from './group-checks.ts';
import type { NetworkMember } from '../linkage/member.ts';
import type { Evidence, Family } from '../model/result.ts';
import type { Catalogue, IndicatorSpec } from './catalogue-schema.ts';
import { PhraseMatcher, type MatchSpan } from './phrase-matcher.ts';

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
  detect(adverts: readonly NetworkMember[], links?: GroupLinks): GroupFinding[];
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

function overlapsAny(span: MatchSpan, others: readonly MatchSpan[]): boolean {
  return others.some(([c, d]) => span[0] < d && c < span[1]);
}

function vetoSpans(re: RegExp, s: string): MatchSpan[] {
  const out: MatchSpan[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    if (m[0] === '') re.lastIndex++;
    else out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

function phraseDetector(
  matcher: PhraseMatcher,
  index: number,
  unless: readonly string[] | undefined,
  id: string,
) {
  const unlessRe = unless && unless.length > 0 ? compileRegex(unless, id) : null;
  return (f: AdvertFeatures): Evidence[] | null => {
    const evidence: Evidence[] = [];
    for (const field of ['title', 'text'] as const) {
      const s = f[field];
      const hits = matcher.spans(index, s);
      if (hits.length === 0) continue;
      const vetoes = unlessRe ? vetoSpans(unlessRe, s) : [];
      for (const span of hits) {
        if (overlapsAny(span, vetoes) || evidence.length >= MAX_EVIDENCE) continue;
        evidence.push({ kind: 'text', field, span, excerpt: s.slice(span[0], span[1]) });
      }
    }
    return evidence.length > 0 ? evidence : null;
  };
}

/** Compiles a validated catalogue into detectors (regular expressions built once). */
export function compileCatalogue(catalogue: Catalogue): CompiledCatalogue {
  const advertDetectors: AdvertDetector[] = [];
  const groupDetectors: GroupDetector[] = [];
  const phraseIndicators = catalogue.indicators.flatMap((ind) =>
    ind.detect.type === 'phrases' ? [{ id: ind.id, patterns: ind.detect.patterns }] : [],
  );
  const matcher = new PhraseMatcher(phraseIndicators);
  for (const ind of catalogue.indicators) {
    const meta = { id: ind.id, family: ind.family, weight: ind.weight, biasRisk: ind.biasRisk };
    const d = ind.detect;
    const params = d.type === 'phrases' ? {} : (d.params ?? {});
    if (d.type === 'phrases') {
      const index = phraseIndicators.findIndex((p) => p.id === ind.id);
      advertDetectors.push({ ...meta, detect: phraseDetector(matcher, index, d.unless, ind.id) });
    } else if (d.type === 'advert') {
      const fn = ADVERT_CHECK_FNS[d.check];
      advertDetectors.push({ ...meta, detect: (f) => fn(f, params) });
    } else {
      const fn = GROUP_CHECK_FNS[d.check];
      groupDetectors.push({ ...meta, detect: (adverts, links) => fn(adverts, params, links) });
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
