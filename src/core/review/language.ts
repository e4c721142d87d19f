// Reads the language a moderator gives with a decision (the advertiser's language, for safety
// information in it) as a BCP 47 tag: language, then optional script, region and variants, in
// their canonical case ("pt-BR", "sr-Latn-RS"). Extensions and private-use tags are not needed
// for choosing which leaflet to send, so they are refused rather than half-understood.

/** The longest tag accepted; real ones are far shorter. */
export const MAX_LANGUAGE_TAG = 35;

const LANGUAGE = /^[a-z]{2,3}$|^[a-z]{5,8}$/;
const SCRIPT = /^[a-z]{4}$/;
const REGION = /^[a-z]{2}$|^[0-9]{3}$/;
const VARIANT = /^[a-z0-9]{5,8}$|^[0-9][a-z0-9]{3}$/;

/** The tag in canonical case, or null when it is not a language tag of the form above. */
export function parseLanguageTag(input: string): string | null {
  const text = input.trim();
  if (text === '' || text.length > MAX_LANGUAGE_TAG) return null;
  const parts = text.toLowerCase().replaceAll('_', '-').split('-');
  const [language, ...rest] = parts;
  if (language === undefined || !LANGUAGE.test(language)) return null;
  const out = [language];
  let i = 0;
  if (rest[i] !== undefined && SCRIPT.test(rest[i]!)) {
    const s = rest[i]!;
    out.push(s[0]!.toUpperCase() + s.slice(1));
    i += 1;
  }
  if (rest[i] !== undefined && REGION.test(rest[i]!)) {
    out.push(rest[i]!.toUpperCase());
    i += 1;
  }
  const variants = new Set<string>();
  for (; i < rest.length; i++) {
    const v = rest[i]!;
    // A repeated variant is not well formed (RFC 5646 §2.2.5).
    if (!VARIANT.test(v) || variants.has(v)) return null;
    variants.add(v);
    out.push(v);
  }
  return out.join('-');
}
