import type { Advert } from '../advert/advert-schema.ts';
import { normaliseEmail } from '../extract/emails.ts';
import { extractText } from '../extract/extract-text.ts';
import { detectLanguage } from '../extract/language.ts';
import { normalisePhone } from '../extract/phones.ts';
import { findTown } from '../extract/towns.ts';
import type { LanguageGuess, TextExtraction } from '../extract/types.ts';
import type { Evidence } from './result.ts';

/** A contact (phone or email) with every place in the advert it was found. */
export interface ContactRef {
  readonly value: string;
  readonly evidence: readonly Evidence[];
  /** True when every sighting of it in the text was obscured and it is not in a contact field. */
  readonly onlyObscured: boolean;
}

/** Everything screening and linkage need to know about one advert, computed once. */
export interface AdvertFeatures {
  readonly advert: Advert;
  readonly title: string;
  readonly text: string;
  readonly extracted: { readonly title: TextExtraction; readonly text: TextExtraction };
  readonly language: LanguageGuess;
  /** Distinct E.164 phones from the phone fields and the text. */
  readonly phones: readonly ContactRef[];
  /** Distinct canonical emails from the email fields and the text. */
  readonly emails: readonly ContactRef[];
  /** The stated age: the age field, else the first age in the text; null when none. */
  readonly age: number | null;
  /** Canonical town of the `town` field, or the first town in the text; null when none. */
  readonly town: string | null;
}

interface Sighting {
  readonly span: readonly [number, number];
  readonly raw: string;
  readonly obfuscated: boolean;
}

/** Merges a contact field's values and the text's sightings into one entry per normalised value. */
function contactRefs<H extends Sighting>(
  fieldName: 'phones' | 'emails',
  fieldValues: readonly string[] | undefined,
  normalise: (raw: string) => string | null,
  hits: { readonly title: readonly H[]; readonly text: readonly H[] },
  valueOf: (hit: H) => string,
): ContactRef[] {
  if (!fieldValues?.length && hits.title.length === 0 && hits.text.length === 0) return [];
  const byValue = new Map<string, { evidence: Evidence[]; obscured: boolean; plain: boolean }>();
  const entry = (value: string) => {
    let e = byValue.get(value);
    if (!e) {
      e = { evidence: [], obscured: false, plain: false };
      byValue.set(value, e);
    }
    return e;
  };
  fieldValues?.forEach((raw, i) => {
    const value = normalise(raw);
    if (value === null) return;
    const e = entry(value);
    e.plain = true;
    e.evidence.push({ kind: 'field', field: `${fieldName}[${i}]`, value: raw });
  });
  for (const field of ['title', 'text'] as const) {
    for (const h of hits[field]) {
      const e = entry(valueOf(h));
      if (h.obfuscated) e.obscured = true;
      else e.plain = true;
      e.evidence.push({ kind: 'text', field, span: h.span, excerpt: h.raw });
    }
  }
  const refs: ContactRef[] = [];
  for (const [value, e] of byValue) {
    refs.push({ value, evidence: e.evidence, onlyObscured: e.obscured && !e.plain });
  }
  return refs;
}

/** Options of advertFeatures. */
export interface FeatureOptions {
  /** Detect the text's language (default true); linkage alone does not need it. */
  readonly language?: boolean;
}

const UNDETERMINED: LanguageGuess = { code: 'und', confidence: 0 };

/** The features of one validated advert: extractions from title and text, normalised contacts. */
export function advertFeatures(advert: Advert, options: FeatureOptions = {}): AdvertFeatures {
  const title = advert.title ?? '';
  const text = advert.text ?? '';
  const extracted = { title: extractText(title), text: extractText(text) };
  const textAge = extracted.title.ages[0]?.age ?? extracted.text.ages[0]?.age ?? null;
  const fieldTown = advert.town ? findTown(advert.town) : null;
  const textTown = extracted.title.towns[0]?.town ?? extracted.text.towns[0]?.town ?? null;
  return {
    advert,
    title,
    text,
    extracted,
    language:
      options.language === false
        ? UNDETERMINED
        : detectLanguage(text.length >= title.length ? text : title),
    phones: contactRefs(
      'phones',
      advert.phones,
      (raw) => normalisePhone(raw),
      { title: extracted.title.phones, text: extracted.text.phones },
      (h) => h.e164,
    ),
    emails: contactRefs(
      'emails',
      advert.emails,
      normaliseEmail,
      { title: extracted.title.emails, text: extracted.text.emails },
      (h) => h.email,
    ),
    age: advert.age ?? textAge,
    town: fieldTown?.name ?? advert.town ?? textTown,
  };
}
