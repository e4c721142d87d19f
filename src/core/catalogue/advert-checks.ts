import type { AdvertCheck } from './catalogue-schema.ts';
import type { AdvertFeatures } from '../model/features.ts';
import type { Evidence } from '../model/result.ts';

type Params = Readonly<Record<string, number>>;

/** A check on one advert: the evidence it found, or null when it does not fire. */
export type AdvertCheckFn = (f: AdvertFeatures, params: Params) => readonly Evidence[] | null;

const fields = ['title', 'text'] as const;

function obscured(f: AdvertFeatures, kind: 'phones' | 'emails'): Evidence[] | null {
  const evidence: Evidence[] = [];
  for (const field of fields) {
    for (const hit of f.extracted[field][kind]) {
      if (hit.obfuscated) evidence.push({ kind: 'text', field, span: hit.span, excerpt: hit.raw });
    }
  }
  return evidence.length > 0 ? evidence : null;
}

/** The site's checks that were made and failed or are recorded as not done (never absence of data). */
function verificationMissing(f: AdvertFeatures): Evidence[] | null {
  const evidence: Evidence[] = [];
  for (const key of ['age', 'identity'] as const) {
    if (f.advert.verified?.[key] === false) {
      evidence.push({ kind: 'field', field: `verified.${key}`, value: false });
    }
  }
  return evidence.length > 0 ? evidence : null;
}

function statedAgeBelow(f: AdvertFeatures, params: Params): Evidence[] | null {
  const below = params.below ?? 23;
  const atLeast = params.atLeast ?? 0;
  const inRange = (age: number) => age < below && age >= atLeast;
  const evidence: Evidence[] = [];
  if (f.advert.age !== undefined && inRange(f.advert.age)) {
    evidence.push({ kind: 'field', field: 'age', value: f.advert.age });
  }
  for (const field of fields) {
    for (const hit of f.extracted[field].ages) {
      if (inRange(hit.age))
        evidence.push({ kind: 'text', field, span: hit.span, excerpt: hit.raw });
    }
  }
  return evidence.length > 0 ? evidence : null;
}

/** The built-in checks on a single advert, by catalogue name. */
export const ADVERT_CHECK_FNS: Readonly<Record<AdvertCheck, AdvertCheckFn>> = {
  'obscured-phone': (f) => obscured(f, 'phones'),
  'obscured-email': (f) => obscured(f, 'emails'),
  'verification-missing': verificationMissing,
  'several-phones': (f, params) =>
    f.phones.length >= (params.min ?? 2) ? f.phones.flatMap((p) => p.evidence) : null,
  'stated-age-below': statedAgeBelow,
};
